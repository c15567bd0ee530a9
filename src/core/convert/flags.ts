/**
 * Flags as people write them. Data Prep reads `y yes on true` and `n no off false` in any case;
 * a column written otherwise (`Ja/Nein`, `Oui/Non`, `1/0`, `x` or nothing) states its own words.
 */

export const DATA_PREP_TRUE_WORDS: readonly string[] = ['y', 'yes', 'on', 'true'];
export const DATA_PREP_FALSE_WORDS: readonly string[] = ['n', 'no', 'off', 'false'];

/** Word pairs seen in exports, with the language they come from. An empty false word means a blank cell. */
export const FLAG_WORD_PAIRS: readonly { trueWords: readonly string[]; falseWords: readonly string[]; language: string }[] = [
  { trueWords: ['yes', 'y', 'true', 'on'], falseWords: ['no', 'n', 'false', 'off'], language: "Data Prep's own words" },
  { trueWords: ['true', 't'], falseWords: ['false', 'f'], language: 'English' },
  { trueWords: ['1'], falseWords: ['0'], language: 'digits' },
  { trueWords: ['ja', 'j'], falseWords: ['nein', 'n'], language: 'German' },
  { trueWords: ['wahr'], falseWords: ['falsch'], language: 'German' },
  { trueWords: ['oui', 'o'], falseWords: ['non', 'n'], language: 'French' },
  { trueWords: ['vrai'], falseWords: ['faux'], language: 'French' },
  { trueWords: ['sí', 'si', 's'], falseWords: ['no', 'n'], language: 'Spanish or Italian' },
  { trueWords: ['verdadero'], falseWords: ['falso'], language: 'Spanish' },
  { trueWords: ['vero'], falseWords: ['falso'], language: 'Italian' },
  { trueWords: ['ja', 'j'], falseWords: ['nee', 'n'], language: 'Dutch' },
  { trueWords: ['waar'], falseWords: ['onwaar'], language: 'Dutch' },
  { trueWords: ['sim', 's'], falseWords: ['não', 'nao', 'n'], language: 'Portuguese' },
  { trueWords: ['verdadeiro'], falseWords: ['falso'], language: 'Portuguese' },
  { trueWords: ['x', '✓', '✔', '☑'], falseWords: [''], language: 'a mark or a blank cell' },
];

/** Case-folded and trimmed, as flag words are compared. */
export const flagKey = (text: string): string => text.trim().toLowerCase();

/**
 * A reader for one set of words: true, false, or undefined for any other text. Without words,
 * Data Prep's own. An empty false word reads a blank cell as false.
 */
export function flagReader(trueWords?: readonly string[], falseWords?: readonly string[]): (text: string) => boolean | undefined {
  const words = flagKeys(trueWords, falseWords);
  return (text) => words.get(flagKey(text));
}

/** Each word's key (`flagKey`) and the flag it reads as; without words, Data Prep's own. */
export function flagKeys(trueWords?: readonly string[], falseWords?: readonly string[]): ReadonlyMap<string, boolean> {
  const words = new Map<string, boolean>();
  for (const w of trueWords ?? DATA_PREP_TRUE_WORDS) words.set(flagKey(w), true);
  for (const w of falseWords ?? DATA_PREP_FALSE_WORDS) words.set(flagKey(w), false);
  return words;
}
