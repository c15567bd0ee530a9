/**
 * A column's flag reading: the pair of words it writes (`Ja/Nein`, `Oui/Non`, `1/0`, `x` or a
 * blank), decided from how often each word occurs in the whole sample. Data Prep's own words
 * need no setting; any other pair is stated, so that an unknown word is refused, not guessed.
 */
import type { ReadingSettings } from '../convert/coerce';
import { FLAG_WORD_PAIRS, flagKey } from '../convert/flags';
import type { ColumnReading, ReadingOption, ReadingScanner } from './reading.types';

/** More distinct words than this and the column is not a flag. */
const MAX_WORDS = 8;

/** A scanner for the flag reading of a column whose first values look like flags, or null. */
export function flagScanner(head: readonly string[]): ReadingScanner | null {
  const headKeys = new Set(head.map(flagKey));
  if (!headKeys.size || headKeys.size > 4) return null;
  const known = (k: string) => FLAG_WORD_PAIRS.some((p) => p.trueWords.includes(k) || p.falseWords.includes(k));
  if ([...headKeys].filter(known).length < headKeys.size / 2) return null;
  const counts = new Map<string, number>();
  let blanks = 0;
  let total = 0;
  let prev = '';
  let prevKey = '';
  let tooMany = false;
  const feed = (v: string) => {
    if (v === '') {
      blanks++;
      return;
    }
    if (tooMany) return;
    total++;
    const key = v === prev ? prevKey : flagKey(v);
    prev = v;
    prevKey = key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size > MAX_WORDS) tooMany = true;
  };
  return { feed, finish: () => (tooMany || !total ? null : decide(counts, total, blanks)) };
}

function decide(counts: Map<string, number>, total: number, blanks: number): ColumnReading | null {
  const share = (words: readonly string[]) => [...counts].reduce((n, [k, c]) => (words.includes(k) ? n + c : n), 0) / total;
  let best: { pair: (typeof FLAG_WORD_PAIRS)[number]; fit: number } | null = null;
  for (const pair of FLAG_WORD_PAIRS) {
    const blankIsFalse = pair.falseWords.includes('');
    const fit = share([...pair.trueWords, ...pair.falseWords]);
    // A mark-or-blank column needs its mark; a word pair needs both of its words or a blank-free column.
    if (blankIsFalse && !pair.trueWords.some((w) => counts.has(w))) continue;
    if (!blankIsFalse && ![...pair.trueWords, ...pair.falseWords].some((w) => counts.has(w))) continue;
    if (fit > (best?.fit ?? 0.5)) best = { pair, fit };
  }
  if (!best || best.fit < 0.95) return null;
  const { pair, fit } = best;
  const own = pair === FLAG_WORD_PAIRS[0];
  const settings: ReadingSettings = own ? {} : { trueWords: [...pair.trueWords], falseWords: [...pair.falseWords] };
  const seen = [...counts.keys()].filter((k) => pair.trueWords.includes(k) || pair.falseWords.includes(k));
  const words = pair.falseWords.includes('') ? [...seen, 'a blank cell'] : seen;
  const misfits = [...counts.keys()].filter((k) => !pair.trueWords.includes(k) && !pair.falseWords.includes(k)).slice(0, 5);
  const option: ReadingOption = { settings, label: `${pair.language}: ${words.join(', ')}` };
  const evidence = [own ? `${words.join(' and ')}: Data Prep's own words` : `${pair.language}: ${words.join(' and ')}`];
  if (pair.falseWords.includes('')) evidence.push(`${blanks} blank cell${blanks === 1 ? '' : 's'} read as false`);
  return { kind: 'boolean', status: 'decided', settings, options: [option], evidence, fit, misfits };
}
