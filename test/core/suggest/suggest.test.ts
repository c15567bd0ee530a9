import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/csv/profile';
import { assign } from '../../../src/core/suggest/assign';
import { prepareColumn } from '../../../src/core/suggest/column';
import { fieldIndex } from '../../../src/core/suggest/fieldIndex';
import { scoreColumn } from '../../../src/core/suggest/score';
import { sampleTree } from '../../helpers/samples';
import { BENCH, gradeCases, suggestFor } from '../../helpers/suggest';

const P = sampleTree('profile');
const E = sampleTree('event');
const L = sampleTree('luma');

describe('name evidence', () => {
  it('finds fields through synonyms, abbreviations, parent objects and other languages', () => {
    const s = suggestFor(P, {
      zip: ['10115', '80802'],
      'Mailing City': ['Berlin', 'Paris'],
      fname: ['Ada', 'Alan'],
      Geburtsdatum: ['14.03.1985', '02.11.1979'],
      'Téléphone portable': ['+33 6 55 55 01 01', '+33 6 55 55 01 02'],
    });
    expect(s.zip!.destination).toMatch(/^(home|mailing)Address\.postalCode$/);
    expect(s.zip!.evidence[0]).toBe('"zip" means "postal code"');
    expect(s['Mailing City']!.destination).toBe('mailingAddress.city');
    expect(s.fname!.destination).toBe('person.name.firstName');
    expect(s.Geburtsdatum!.destination).toBe('person.birthDate');
    expect(s['Téléphone portable']!.destination).toBe('mobilePhone.number');
  });

  it('tolerates a typo in a header', () => {
    const s = suggestFor(P, { Adress: ['1 Main St'], 'Telephon Number': ['+1 415-555-0150'] });
    expect(s.Adress!.destination).toMatch(/^(home|mailing)Address\.street1$/);
    expect(s.Adress!.evidence[0]).toBe('"adress" means "address"');
    expect(s['Telephon Number']!.destination).toBe('homePhone.number');
  });

  it("discounts words every sibling shares (the Luma tenant's product*)", () => {
    const s = suggestFor(L, { Name: ['Abominable Hoodie'], SKU: ['LLMH09'], Price: ['69', '32.5'] });
    expect([s.Name!.destination, s.SKU!.destination, s.Price!.destination]).toEqual([
      '_techmarketingdemos.productName',
      '_techmarketingdemos.productSku',
      '_techmarketingdemos.productPrice',
    ]);
  });

  it("reads a record's own id and time from the schema's class and title", () => {
    const s = suggestFor(E, { 'Event ID': ['7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d'], 'Purchase Date': ['2024-05-02T09:15:00Z'] });
    expect(s['Event ID']!.destination).toBe('_id');
    expect(s['Purchase Date']!.destination).toMatch(/^(timestamp|commerce\.order\.createdDate)$/);
  });
});

describe('more name evidence', () => {
  it('splits run-together words and reads N° as a number', () => {
    const s = suggestFor(P, { mobilephone: ['+1 415-555-0199'], 'N° adhérent': ['A-5501'], 'Points fidélité': ['1450'] });
    expect(s.mobilephone!.destination).toBe('mobilePhone.number');
    expect(s.mobilephone!.evidence[0]).toBe('"mobilephone" means "mobile phone"');
    expect(s['N° adhérent']!.destination).toMatch(/^(_acme\.systemIdentifier\.loyaltyId|loyalty\.loyaltyID\[0\])$/);
    expect(s['Points fidélité']!.destination).toBe('loyalty.points');
  });

  it('treats home and personal as the same default object', () => {
    expect(suggestFor(P, { 'Home Email': ['a@example.com'] })['Home Email']!.destination).toBe('personalEmail.address');
  });

  it("reads an order's date as its creation, not its cancellation, and a field's own word must be named", () => {
    const s = suggestFor(E, { 'Order Date': ['2024-06-01 14:22:05'], 'Order Status': ['completed', 'processing'] });
    expect(s['Order Date']!.destination).toBe('commerce.order.createdDate');
    expect(s['Order Status']!.destination).toBeNull();
  });
});

describe('value evidence', () => {
  it('maps unlabelled columns by their values alone', () => {
    const s = suggestFor(P, {
      field1: ['ana@example.com', 'bo@example.com'],
      field2: ['2001-04-09', '1988-12-30'],
      field3: ['+1 303-555-0123'],
      field4: ['platinum', 'gold'],
    });
    expect(s.field1!.destination).toBe('personalEmail.address');
    expect(s.field1!.evidence).toContain('values look like email addresses');
    expect(s.field2!.destination).toBe('person.birthDate');
    expect(s.field3!.destination).toMatch(/^(mobile|home)Phone\.number$/);
    expect(s.field4!.destination).toBe('loyalty.tier');
  });

  it('checks values against enums and ISO code lists', () => {
    const s = suggestFor(P, { Gender: ['female', 'male'], 'Country Code': ['FR', 'DE'], Country: ['France', 'Germany'] });
    expect(s.Gender!.evidence).toContain("values are among the field's allowed values");
    expect(s['Country Code']!.destination).toMatch(/countryCode$/);
    expect(s['Country Code']!.destination).not.toMatch(/Phone/);
    expect(s.Country!.destination).toMatch(/Address\.country$/);
  });

  it('never puts a date column into a boolean field, nor text into a number', () => {
    const idx = fieldIndex(P);
    const dates = prepareColumn(profileColumn('Primary', 0, ['2024-01-01', '2024-02-02']), idx);
    expect(scoreColumn(dates, idx.byPath.get('homeAddress.primary')!, idx)).toBeNull();
    const text = prepareColumn(profileColumn('Points', 0, ['many', 'few']), idx);
    expect(scoreColumn(text, idx.byPath.get('loyalty.points')!, idx)).toBeNull();
  });
});

describe('no false friends', () => {
  it('leaves consent columns, job titles and near-miss names unmapped', () => {
    const s = suggestFor(P, {
      'Email Opt Out': ['true', 'false'],
      'Accepts Email Marketing': ['yes', 'no'],
      Title: ['Rear Admiral', 'Mathematician', 'Head of Hut 8'],
      'First Order Date': ['2021-05-02'],
      'Last Seen': ['2024-11-20T08:00:00Z'],
      'Name of Referrer': ['Jane Roe'],
      Email: ['j.doe@example.com'],
    });
    for (const col of ['Email Opt Out', 'Accepts Email Marketing', 'Title', 'First Order Date', 'Last Seen', 'Name of Referrer'])
      expect(s[col]!.destination, col).toBeNull();
    expect(s.Email!.destination).toBe('personalEmail.address');
  });

  it('maps a Title column of courtesy titles to the courtesy title', () => {
    expect(suggestFor(P, { Salutation: ['Mr.', 'Ms.', 'Dr.'] }).Salutation!.destination).toBe('person.name.courtesyTitle');
  });

  it('ranks system fields low', () => {
    const s = suggestFor(E, { 'Created Date': ['2024-01-01T00:00:00Z'] });
    expect(s['Created Date']!.destination).toBe('commerce.order.createdDate');
    expect(s['Created Date']!.alternatives.every((a) => !a.path.startsWith('_repo'))).toBe(true);
  });
});

describe('assignment', () => {
  it('beats greedy matching: each field goes to the column that makes the whole best', () => {
    // Greedy would give row 0 its best (col 0) and leave row 1 with nothing above the floor.
    expect(
      assign(
        [
          [0.9, 0.8],
          [0.85, 0.1],
        ],
        0.5,
      ),
    ).toEqual([1, 0]);
    expect(assign([[0.4, 0.3]], 0.5)).toEqual([-1]);
    expect(assign([], 0.5)).toEqual([]);
  });

  it('uses each destination once, the order total and the line price apart', () => {
    const s = suggestFor(E, { Price: ['99.99', '42.00'], 'Grand Total (Purchased)': ['118.99', '42.00'] });
    expect(s['Grand Total (Purchased)']!.destination).toBe('commerce.order.priceTotal');
    expect(s.Price!.destination).toBe('productListItems[0].priceTotal');
  });

  it('puts numbered item columns on their own array items', () => {
    const s = suggestFor(E, { 'SKU 1': ['A'], 'SKU 2': ['B'], 'Quantity 2': ['3'] });
    expect([s['SKU 1']!.destination, s['SKU 2']!.destination, s['Quantity 2']!.destination]).toEqual([
      'productListItems[0].SKU',
      'productListItems[1].SKU',
      'productListItems[1].quantity',
    ]);
  });

  it('offers ranked alternatives', () => {
    const s = suggestFor(P, { Phone: ['+1 415-555-0150'] }).Phone!;
    expect(s.destination).toBe('homePhone.number');
    expect(s.alternatives.map((a) => a.path)).toContain('mobilePhone.number');
    expect(s.alternatives.length).toBeLessThanOrEqual(5);
    expect(s.alternatives.every((a, i, all) => i === 0 || all[i - 1]!.confidence >= a.confidence)).toBe(true);
  });
});

describe('memory of saved mappings', () => {
  it('suggests a header the way it was mapped before, saying so', () => {
    const s = suggestFor(
      P,
      { 'Cust Ref': ['X1'] },
      { memory: [{ column: 'cust ref', destination: '_acme.systemIdentifier.crmId', source: 'mappings/crm.mapping.json' }] },
    )['Cust Ref']!;
    expect(s.destination).toBe('_acme.systemIdentifier.crmId');
    expect(s.fromMemory).toBe(true);
    expect(s.evidence).toEqual(['mapped this way before in mappings/crm.mapping.json']);
  });
  it('ignores remembered destinations the schema does not have', () => {
    const s = suggestFor(P, { Email: ['a@b.co'] }, { memory: [{ column: 'Email', destination: 'workEmail.address', source: 'x' }] }).Email!;
    expect(s.destination).toBe('personalEmail.address');
  });
});

describe('accuracy on the benchmark sets', () => {
  it.each(['suggest', 'suggest-validation', 'suggest-validation-2'])('%s: accuracy >= 0.95 and precision >= 0.97', (set) => {
    const r = gradeCases(join(BENCH, set, 'cases.json'));
    expect(r.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.97);
  });
  it('suggest-real (real exports): precision >= 0.95 and recall >= 0.80', () => {
    const r = gradeCases(join(BENCH, 'suggest-real', 'cases.json'));
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.8);
  });
  it('suggest-validation-3 (real exports of other systems): precision >= 0.95 and recall >= 0.75', () => {
    // Recall is held back by one file whose first line is empty: the reader takes it for the header.
    const r = gradeCases(join(BENCH, 'suggest-validation-3', 'cases.json'));
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.75);
  });
});

describe('searchFields (the field picker)', () => {
  it('finds fields by title, path or words, system fields last', async () => {
    const { searchFields } = await import('../../../src/core/suggest/searchFields');
    const G = sampleTree('large');
    expect(
      searchFields(G, 'postal code')
        .slice(0, 8)
        .map((h) => h.field.path),
    ).toContain('homeAddress.postalCode');
    expect(searchFields(G, 'homeAddress.postalCode')[0]!.field.path).toBe('homeAddress.postalCode');
    expect(searchFields(G, 'job title')[0]!.field.path).toBe('extendedWorkDetails.jobTitle');
    const created = searchFields(G, 'created').map((h) => h.field.system);
    expect(created[0]).toBe(false);
    expect(created.indexOf(true)).toBeGreaterThan(created.lastIndexOf(false));
    expect(searchFields(G, '')).toEqual([]);
    expect(searchFields(G, 'zzqqxx')).toEqual([]);
  });
});
