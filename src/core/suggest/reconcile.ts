import { headerFingerprint } from '../hash';
import type { MappingDocument } from '../mapping/mapping.types';
import { singular, tokenize } from './normalize';
import { translate } from './translate';

export interface Rename {
  from: string;
  to: string;
  /** 0..1: how alike the two names are. */
  score: number;
}

export interface Reconciliation {
  /** True when the file's header is exactly the one the mapping was made for. */
  sameHeader: boolean;
  /** Columns the mapping reads that the file does not have. */
  missing: string[];
  /** Columns of the file that the mapping was not made with. */
  added: string[];
  /** Missing columns that look renamed to an added one. */
  renamed: Rename[];
}

const words = (name: string) => new Set(translate(tokenize(name)).tokens.map(singular));

/** How alike two column names are: shared words (after the lexicon), else shared letters. */
export function nameSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  const inter = [...wa].filter((w) => wb.has(w)).length;
  const union = new Set([...wa, ...wb]).size;
  const byWords = union ? inter / union : 0;
  const ca = a.toLowerCase().replace(/[^a-z0-9]/g, '');
  const cb = b.toLowerCase().replace(/[^a-z0-9]/g, '');
  const contained = ca && cb && (ca.includes(cb) || cb.includes(ca)) ? Math.min(ca.length, cb.length) / Math.max(ca.length, cb.length) : 0;
  return Math.max(byWords, contained * 0.9);
}

/**
 * Compares a saved mapping with the header of a new file: which columns disappeared, which
 * appeared, and which disappeared ones look renamed (`SKU` -> `Product SKU`).
 */
export function reconcileColumns(doc: MappingDocument, header: readonly string[]): Reconciliation {
  const used = [...new Set(doc.mappings.filter((m) => m.sourceType === 'ATTRIBUTE').map((m) => m.source))];
  const have = new Set(header);
  const known = new Set([...doc.source.columns, ...used]);
  const missing = used.filter((c) => !have.has(c));
  const added = header.filter((c) => !known.has(c));
  const pairs: Rename[] = [];
  for (const from of missing) for (const to of added) pairs.push({ from, to, score: nameSimilarity(from, to) });
  pairs.sort((x, y) => y.score - x.score);
  const renamed: Rename[] = [];
  const taken = new Set<string>();
  for (const p of pairs) {
    if (p.score < 0.34 || taken.has(p.from) || taken.has(p.to)) continue;
    renamed.push({ ...p, score: Math.round(p.score * 100) / 100 });
    taken.add(p.from);
    taken.add(p.to);
  }
  const fp = doc.source.headerFingerprint;
  return { sameHeader: fp ? fp === headerFingerprint(header) : missing.length === 0 && added.length === 0, missing, added, renamed };
}

/** The mapping with renamed columns read under their new names, and its source updated to the file. */
export function applyRenames(doc: MappingDocument, renames: readonly Pick<Rename, 'from' | 'to'>[], header: readonly string[]): MappingDocument {
  const map = new Map(renames.map((r) => [r.from, r.to]));
  const rewriteExpr = (src: string) => {
    let out = src;
    for (const [from, to] of map) {
      const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      out = out
        .replace(new RegExp(`\\$\\{${escaped}\\}`, 'g'), `\${${to}}`)
        .replace(new RegExp(`(?<![\\w.$"'])${escaped}(?![\\w(])`, 'g'), /^[A-Za-z_$][\w$]*$/.test(to) ? to : `\${${to}}`);
    }
    return out;
  };
  return {
    ...doc,
    source: { ...doc.source, columns: [...header], headerFingerprint: headerFingerprint(header) },
    mappings: doc.mappings.map((m) =>
      m.sourceType === 'ATTRIBUTE' && map.has(m.source)
        ? { ...m, source: map.get(m.source)! }
        : m.sourceType === 'EXPRESSION'
          ? { ...m, source: rewriteExpr(m.source) }
          : m,
    ),
  };
}
