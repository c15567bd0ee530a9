import { describe, expect, it } from 'vitest';
import { normalizeHeader, singular, tokenize } from '../../../src/core/suggest/normalize';
import { translate } from '../../../src/core/suggest/translate';

describe('header normalisation', () => {
  it('reads every casing convention the same way', () => {
    for (const h of ['First Name', 'first_name', 'firstName', 'FIRST-NAME', 'First.Name', 'FirstName']) expect(tokenize(h)).toEqual(['first', 'name']);
    expect(tokenize('customerIDNumber2')).toEqual(['customer', 'id', 'number', '2']);
    expect(tokenize('Téléphone portable')).toEqual(['telephone', 'portable']);
    expect(tokenize('Straße')).toEqual(['strasse']);
    expect(tokenize('Order #')).toEqual(['order', 'number']);
  });

  it('keeps bracketed units and qualifiers apart, and reads A/B as alternatives', () => {
    expect(normalizeHeader('Grand Total (Purchased)')).toMatchObject({ tokens: ['grand', 'total'], bracketed: ['purchased'] });
    expect(normalizeHeader('Weight (kg)')).toMatchObject({ tokens: ['weight'], bracketed: ['kg'] });
    expect(normalizeHeader('State/Region').alternatives).toEqual([['state'], ['region']]);
    expect(normalizeHeader('Ship-to City').alternatives).toEqual([]);
  });

  it('takes a number in the name as an item index', () => {
    expect(normalizeHeader('SKU 2')).toMatchObject({ tokens: ['sku'], index: 2 });
    expect(normalizeHeader('item3_price')).toMatchObject({ tokens: ['item', 'price'], index: 3 });
  });

  it('folds plurals without stemming meaning away', () => {
    expect([singular('points'), singular('categories'), singular('address'), singular('status'), singular('referrer')]).toEqual([
      'point',
      'category',
      'address',
      'status',
      'referrer',
    ]);
  });
});

describe('the lexicon', () => {
  const t = (h: string) => translate(tokenize(h)).tokens.join(' ');
  it('maps abbreviations and synonyms onto XDM words', () => {
    expect(t('zip')).toBe('postal code');
    expect(t('PLZ')).toBe('postal code');
    expect(t('dob')).toBe('birth date');
    expect(t('qty')).toBe('quantity');
    expect(t('cell')).toBe('mobile phone');
    expect(t('fname')).toBe('first name');
  });
  it('speaks German, French and Spanish for the common fields', () => {
    expect(t('Geburtsdatum')).toBe('birth date');
    expect(t('Date de naissance')).toBe('birth date');
    expect(t('Fecha de nacimiento')).toBe('birth date');
    expect(t('Vorname')).toBe('first name');
    expect(t('Prénom')).toBe('first name');
    expect(t('Apellido')).toBe('last name');
    expect(t('Code postal')).toBe('postal code');
    expect(t('Ciudad')).toBe('city');
    expect(t('Courriel')).toBe('email');
    expect(t('Numéro de commande')).toBe('order purchase id');
  });
  it('matches the longest phrase first and says what it did', () => {
    expect(translate(tokenize('Email Address')).tokens).toEqual(['email']);
    expect(translate(tokenize('Mobile Phone Number')).tokens).toEqual(['mobile', 'phone']);
    expect(translate(tokenize('Opt-in')).notes).toEqual([{ from: 'opt in', to: 'consent' }]);
  });
});
