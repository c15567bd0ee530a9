import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/csv/profile';
import { valueConcepts } from '../../../src/core/suggest/values';

const concepts = (values: string[]) => valueConcepts(profileColumn('c', 0, values), new Date('2026-01-01'));

describe('value evidence', () => {
  it.each([
    [['a@example.com', 'b@example.org'], 'email'],
    [['+1 202-555-0110', '+44 7700 900123'], 'phone'],
    [['FR', 'DE', 'US'], 'country-code'],
    [['France', 'Deutschland', 'United States'], 'country-name'],
    [['EUR', 'USD', 'GBP'], 'currency'],
    [['female', 'male', 'F'], 'gender'],
    [['platinum', 'gold', 'silver'], 'tier'],
    [['Mr.', 'Ms.', 'Dr.'], 'courtesy-title'],
    [['1906-12-09', '1988-12-30', '2001-04-09'], 'birth-date'],
    [['03/14', '11/02'], 'day-month'],
    [['1b6e2c1a-3f0d-4a57-9d0e-2c6f1b8a7e11'], 'uuid'],
  ])('%j look like %s', (values, concept) => {
    expect(concepts(values)).toContain(concept);
  });

  it('does not see dates of events as dates of birth, nor job titles as courtesy titles', () => {
    expect(concepts(['2024-03-01', '2025-11-20'])).not.toContain('birth-date');
    expect(concepts(['Rear Admiral', 'Mathematician'])).toEqual([]);
    expect(concepts(['hello', 'world'])).toEqual([]);
  });
});
