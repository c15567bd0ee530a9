import { confidenceLevel } from '../../core/suggest/confidence';

/**
 * High, medium, low: told by colour, by the line's dash, and in words, never by colour alone.
 * The words and their thresholds are the suggester's calibrated ones (core/suggest/confidence.ts);
 * an alternative below the suggestion threshold is shown as low.
 */
export type ConfidenceWord = 'high' | 'medium' | 'low';

export function confidenceWord(c: number): ConfidenceWord {
  const w = confidenceLevel(c).word;
  return w === 'none' ? 'low' : w;
}

/** What a word has meant on real exports, for a tooltip beside it. */
export const confidenceMeaning = (c: number): string => confidenceLevel(c).meaning;

export const DASHES: Record<ConfidenceWord | 'set' | 'pending', string | undefined> = {
  high: undefined,
  medium: '7 4',
  low: '2 4',
  set: undefined,
  pending: '6 5',
};

/** `92% high`, as shown beside a suggestion: the percent rounded down, so it never reads as the next word's (0.896 is 89% medium, not 90%). */
export const confidenceText = (c: number) => `${Math.floor(c * 100 + 1e-9)}% ${confidenceWord(c)}`;
