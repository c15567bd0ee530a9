import { create } from 'zustand';

/** What the mapper shows: view state only, never mapping data (that lives in the session). */
export type Selection =
  | { kind: 'column'; name: string }
  | { kind: 'field'; path: string }
  /** An edge of the mapping, by the destination it fills. */
  | { kind: 'edge'; destination: string }
  | null;
export type Filter = 'all' | 'pending' | 'unmapped' | 'required' | 'identity' | 'errors';
export type MapView = 'graph' | 'table';
export type Lane = 'columns' | 'fields';

export interface UiState {
  selection: Selection;
  /** Object paths opened in the schema tree. */
  expanded: Set<string>;
  /** Object paths closed by the person (they stay closed even when they hold mapped fields). */
  collapsed: Set<string>;
  filter: Filter;
  columnSearch: string;
  fieldSearch: string;
  showSystem: boolean;
  view: MapView;
  /** The formula editor, when open: for a destination, as a calculated field or a constant. */
  formula: { mode: 'expression' | 'constant'; destination: string; source: string } | null;
  /** A column whose mapping was started from the keyboard: the field picker completes it. */
  mappingFrom: string | null;
  /** A row to bring into view and focus (after a keyboard mapping, a "Map it" link, a table row). */
  reveal: { lane: Lane; id: string; focus: boolean; seq: number } | null;
  select(s: Selection): void;
  toggle(path: string, open: boolean): void;
  /** Closes every group the person opened: what is open again is what holds something. */
  fit(): void;
  setFilter(f: Filter): void;
  setColumnSearch(q: string): void;
  setFieldSearch(q: string): void;
  setShowSystem(v: boolean): void;
  setView(v: MapView): void;
  openFormula(f: UiState['formula']): void;
  startMapping(column: string | null): void;
  revealRow(lane: Lane, id: string, focus?: boolean): void;
  reset(): void;
}

let seq = 0;

const INITIAL = {
  selection: null,
  expanded: new Set<string>(),
  collapsed: new Set<string>(),
  filter: 'all' as Filter,
  columnSearch: '',
  fieldSearch: '',
  showSystem: false,
  view: 'graph' as MapView,
  formula: null,
  mappingFrom: null,
  reveal: null,
};

export const useUi = create<UiState>()((set) => ({
  ...INITIAL,
  select: (selection) => set({ selection, formula: null, mappingFrom: null }),
  toggle: (path, open) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      const collapsed = new Set(s.collapsed);
      if (open) {
        expanded.add(path);
        collapsed.delete(path);
      } else {
        expanded.delete(path);
        collapsed.add(path);
      }
      return { expanded, collapsed };
    }),
  fit: () => set({ expanded: new Set(), collapsed: new Set(), reveal: { lane: 'fields', id: '', focus: false, seq: ++seq } }),
  setFilter: (filter) => set({ filter }),
  setColumnSearch: (columnSearch) => set({ columnSearch }),
  setFieldSearch: (fieldSearch) => set({ fieldSearch }),
  setShowSystem: (showSystem) => set({ showSystem }),
  setView: (view) => set({ view }),
  openFormula: (formula) => set({ formula, mappingFrom: null }),
  startMapping: (mappingFrom) => set(mappingFrom ? { mappingFrom, selection: { kind: 'column', name: mappingFrom }, formula: null } : { mappingFrom: null }),
  revealRow: (lane, id, focus = false) => set({ reveal: { lane, id, focus, seq: ++seq } }),
  reset: () => set({ ...INITIAL, expanded: new Set(), collapsed: new Set() }),
}));
