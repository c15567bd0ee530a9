import { create } from 'zustand';

/** What the mapper shows: view state only, never mapping data (that lives in the session). */
export type Selection = { kind: 'column'; name: string } | { kind: 'field'; path: string } | null;
export type Filter = 'all' | 'unmapped' | 'required' | 'errors' | 'suggestions';

export interface UiState {
  selection: Selection;
  /** Object paths opened in the schema tree. */
  expanded: Set<string>;
  /** Object paths closed by the person (they stay closed even when they hold mapped fields). */
  collapsed: Set<string>;
  filter: Filter;
  search: string;
  showSystem: boolean;
  /** The formula editor, when open: for a destination, as a calculated field or a constant. */
  formula: { mode: 'expression' | 'constant'; destination: string; source: string } | null;
  select(s: Selection): void;
  toggle(path: string, open: boolean): void;
  setFilter(f: Filter): void;
  setSearch(q: string): void;
  setShowSystem(v: boolean): void;
  openFormula(f: UiState['formula']): void;
}

export const useUi = create<UiState>()((set) => ({
  selection: null,
  expanded: new Set(),
  collapsed: new Set(),
  filter: 'all',
  search: '',
  showSystem: false,
  formula: null,
  select: (selection) => set({ selection }),
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
  setFilter: (filter) => set({ filter }),
  setSearch: (search) => set({ search }),
  setShowSystem: (showSystem) => set({ showSystem }),
  openFormula: (formula) => set({ formula }),
}));
