/**
 * The words a confidence is shown with, and what each has meant on the real-export benchmark
 * (`npm run bench:suggest` prints the calibration table these thresholds come from).
 */
export type ConfidenceWord = 'high' | 'medium' | 'low' | 'none';

export interface ConfidenceLevel {
  word: ConfidenceWord;
  /** The lowest confidence that earns this word. */
  min: number;
  /** What the word promises a reader. */
  meaning: string;
}

/**
 * Thresholds from the calibration tables of `npm run bench:suggest`. `high` starts at 0.9: on the
 * third validation set, graded before any change it prompted, suggestions from 0.9 up were right
 * 98 % of the time and those from 0.8 to 0.9 86 %.
 */
const LEVELS: readonly ConfidenceLevel[] = [
  { word: 'high', min: 0.9, meaning: 'right at least 97 times in 100 on real exports: accept as is' },
  { word: 'medium', min: 0.7, meaning: 'usually right: glance at it' },
  { word: 'low', min: 0.5, meaning: 'a guess worth checking' },
  { word: 'none', min: 0, meaning: 'not suggested' },
];

/** The word for a confidence (0..1); null (no suggestion) is `none`. */
export function confidenceLevel(c: number | null): ConfidenceLevel {
  if (c === null || !Number.isFinite(c)) return LEVELS[LEVELS.length - 1]!;
  return LEVELS.find((l) => c >= l.min) ?? LEVELS[LEVELS.length - 1]!;
}

/** Every level, highest first, for legends. */
export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = LEVELS;
