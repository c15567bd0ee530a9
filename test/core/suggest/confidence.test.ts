import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_LEVELS, confidenceLevel } from '../../../src/core/suggest/confidence';
import { BENCH, gradeCases } from '../../helpers/suggest';

describe('confidence words', () => {
  it('maps a confidence to a word, highest first, and no suggestion to none', () => {
    expect(CONFIDENCE_LEVELS.map((l) => l.word)).toEqual(['high', 'medium', 'low', 'none']);
    expect(confidenceLevel(0.99).word).toBe('high');
    expect(confidenceLevel(CONFIDENCE_LEVELS[0]!.min).word).toBe('high');
    expect(confidenceLevel(CONFIDENCE_LEVELS[0]!.min - 0.001).word).toBe('medium');
    expect(confidenceLevel(CONFIDENCE_LEVELS[2]!.min).word).toBe('low');
    expect(confidenceLevel(0.2).word).toBe('none');
    expect(confidenceLevel(null).word).toBe('none');
    expect(confidenceLevel(Number.NaN).word).toBe('none');
  });

  it('means what it says on the real exports: "high" is right at least 97 times in 100', () => {
    const r = gradeCases(join(BENCH, 'suggest-real', 'cases.json'));
    const high = r.calibration.filter((c) => c.level === 'high');
    expect(high.length).toBeGreaterThan(60);
    expect(high.filter((c) => c.right).length / high.length).toBeGreaterThanOrEqual(0.97);
    // Each word is surer than the next.
    const share = (w: string) => {
      const rows = r.calibration.filter((c) => c.level === w);
      return rows.filter((c) => c.right).length / Math.max(1, rows.length);
    };
    expect(share('high')).toBeGreaterThanOrEqual(share('low'));
  });
});
