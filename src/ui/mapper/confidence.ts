/**
 * High, medium, low: told by colour, by the line's dash, and in words, never by colour alone.
 * The thresholds are the web app's own until the suggester exports its calibrated words.
 */
export type ConfidenceWord = 'high' | 'medium' | 'low';

export function confidenceWord(c: number): ConfidenceWord {
  if (c >= 0.8) return 'high';
  if (c >= 0.6) return 'medium';
  return 'low';
}

export const DASHES: Record<ConfidenceWord | 'set' | 'pending', string | undefined> = {
  high: undefined,
  medium: '7 4',
  low: '2 4',
  set: undefined,
  pending: '6 5',
};

/** `92% high`, as shown beside a suggestion. */
export const confidenceText = (c: number) => `${Math.round(c * 100)}% ${confidenceWord(c)}`;
