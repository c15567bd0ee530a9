import { describe, expect, it } from 'vitest';
import { PHRASES } from '../../../src/core/suggest/lexicon';
import { tokenize } from '../../../src/core/suggest/normalize';
import { lexiconVocabulary, translate } from '../../../src/core/suggest/translate';
import { TypoIndex } from '../../../src/core/suggest/typos';
import { Vocabulary } from '../../../src/core/suggest/vocabulary';

describe('the typo index', () => {
  const index = new TypoIndex(['address', 'telephone', 'email', 'state', 'last', 'code', 'stage']);
  it('finds known words one keystroke away: a letter missing, one too many, two swapped', () => {
    expect(index.near('adress')).toEqual(['address']);
    expect(index.near('addresss')).toEqual(['address']);
    expect(index.near('emial')).toEqual(['email']);
    // Short words only swap two letters.
    expect(index.near('lsat')).toEqual(['last']);
    expect(index.near('cdoe')).toEqual(['code']);
  });
  it('leaves the first letter, known words and short words alone', () => {
    expect(index.near('xaddress')).toEqual([]);
    expect(index.near('stage')).toEqual([]);
    expect(index.near('sate')).toEqual([]);
    // A changed letter only when asked for (`stage` is not a misspelt `state`).
    expect(new TypoIndex(['telephone']).near('telephpne')).toEqual([]);
    expect(new TypoIndex(['telephone']).near('telephpne', { substitutions: true })).toEqual(['telephone']);
  });
});

describe('reading unknown header words', () => {
  const v = new Vocabulary(['refund', 'cancel', 'payment', 'quantity', 'customer']);
  it('splits run-together words', () => {
    expect(v.read('billingcity')).toEqual({ words: ['billing', 'city'], how: 'split' });
    expect(v.read('customerphone')).toEqual({ words: ['customer', 'phone'], how: 'split' });
  });
  it('corrects typing slips, but not inflections', () => {
    expect(v.read('adress')).toEqual({ words: ['address'], how: 'typo' });
    expect(v.read('refunded').how).not.toBe('typo');
  });
  it('removes inflections', () => {
    expect(v.read('invoiced')).toEqual({ words: ['invoice'], how: 'inflection' });
    expect(v.read('payments')).toEqual({ words: ['payment'], how: 'inflection' });
    // Known words keep their form for phrases (`cancelled at`); their stem is what fields are named with.
    expect(v.stem('cancelled')).toBe('cancel');
    expect(v.stem('refunded')).toBe('refund');
  });
  it('expands truncations and consonant skeletons of one meaning, and nothing else', () => {
    expect(v.read('pymt')).toEqual({ words: ['payment'], how: 'abbreviation' });
    expect(v.read('cstmr')).toEqual({ words: ['customer'], how: 'abbreviation' });
    // A word with vowels is a word: `plan` is not short for `poblacion`, nor `avs` for `afleveradres`.
    expect(v.read('plan').how).toBe('unknown');
    expect(v.read('avs').how).toBe('unknown');
  });
});

describe('the lexicon', () => {
  const t = (h: string) => translate(tokenize(h)).tokens.join(' ');
  it('speaks the seven languages for person, address, contact, commerce and loyalty words', () => {
    const cases: [string, string][] = [
      ['Nachname', 'last name'],
      ['Cognome', 'last name'],
      ['Achternaam', 'last name'],
      ['Sobrenome', 'last name'],
      ['Voornaam', 'first name'],
      ['Data di nascita', 'birth date'],
      ['Geboortedatum', 'birth date'],
      ['Data de nascimento', 'birth date'],
      ['Cellulare', 'mobile phone'],
      ['Telemóvel', 'mobile phone'],
      ['GSM', 'mobile phone'],
      ['Telefoonnummer', 'phone'],
      ['Straat', 'street'],
      ['Woonplaats', 'city'],
      ['Cidade', 'city'],
      ['Città', 'city'],
      ['CAP', 'postal code'],
      ['CEP', 'postal code'],
      ['Bestellnummer', 'order purchase id'],
      ['Número do pedido', 'order purchase id'],
      ['Versandkosten', 'shipping amount'],
      ['Spese di spedizione', 'shipping amount'],
      ['Punti', 'points'],
      ['Lid sinds', 'join date'],
      ['Forma de pagamento', 'payment type'],
    ];
    for (const [header, meaning] of cases) expect(t(header), header).toBe(meaning);
  });
  it('names concepts XDM has no field for, so they stay off look-alike fields', () => {
    expect(t('Invoice Number')).toBe('invoice_id');
    expect(t('Hausnummer')).toBe('house_number');
    expect(t('Compare At Price')).toBe('compare_price');
    expect(t('Financial Status')).toBe('order_status');
    expect(t('Password')).toBe('credential');
  });
  it('rewrites card addresses to billing ones and reads what that gives', () => {
    expect(t('Card Address City')).toBe('billing address city');
  });
  it('lists each variant once', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [c, vs] of PHRASES)
      for (const v of [c.replace(/^[!=~]/, ''), ...vs]) {
        const other = seen.get(v);
        if (other !== undefined && other !== c) clashes.push(`${v}: ${other} / ${c}`);
        seen.set(v, c);
      }
    // `ordine` is an order's number as a header and an order as a word: the number reading comes first.
    expect(clashes).toEqual(['ordine: order purchase id / order']);
    expect(lexiconVocabulary().size).toBeGreaterThan(1000);
  });
});
