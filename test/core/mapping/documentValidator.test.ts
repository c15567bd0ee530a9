import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentValidatorSource, GENERATED } from '../../../tools/generate-validators';

describe('the generated mapping-document validator', () => {
  it('is what the document schema generates today (run `npm run generate` when this fails)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(documentValidatorSource());
  });
});
