import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../src/core/csv/profile';
import type { FieldTree } from '../../../src/core/schema/field.types';
import { suggestMappings } from '../../../src/core/suggest/suggest';
import type { Suggestion } from '../../../src/core/suggest/suggest.types';
import { readCsv } from '../../helpers/csv';
import { sampleTree } from '../../helpers/samples';
import { BENCH, suggestFor } from '../../helpers/suggest';

const P = sampleTree('profile');
const E = sampleTree('event');
const L = sampleTree('luma');
const G = sampleTree('large');

/** Suggestions for one of the real exports of the benchmark, by column. */
function real(tree: FieldTree, file: string): Record<string, Suggestion> {
  const csv = readCsv(readFileSync(join(BENCH, 'suggest-real', file)));
  const profiles = profileColumns(
    csv.header!.columns,
    csv.rows.map((r) => r.cells),
  );
  return Object.fromEntries(suggestMappings(tree, profiles).map((s) => [s.column, s]));
}
const dest = (s: Record<string, Suggestion>, col: string) => s[col]?.destination?.replace(/\[\d+\]/g, '[]') ?? null;

// Each failure seen on real exports (issue 14), on the export it was seen on.
describe('failure classes seen on real exports', () => {
  it("a person's Name and Description never land on a loyalty challenge; an order's Name is its number", () => {
    const stripe = real(P, 'ra07-stripe-customers.csv');
    expect(dest(stripe, 'Name')).toBe('person.name.fullName');
    expect(dest(stripe, 'Description')).toBeNull();
    const salesforce = real(G, 'ra06-salesforce-contacts.csv');
    expect(dest(salesforce, 'Name')).toBe('person.name.fullName');
    expect(dest(salesforce, 'Description')).toBeNull();
    const orders = real(E, 'ra02-shopify-orders.csv');
    expect(dest(orders, 'Name')).toBe('commerce.order.purchaseID');
    expect(orders.Name!.evidence).toContain('values look like order numbers (#1001)');
  });

  it('flag columns never become street lines', () => {
    const s = suggestFor(P, { 'Billing?': ['true', '', 'true'], 'Shipping?': ['true', '', ''], Billing: ['yes', 'no'] });
    for (const c of ['Billing?', 'Shipping?', 'Billing']) expect(s[c]!.destination, c).toBeNull();
    const wave = real(P, 'ra09-wave-customers.csv');
    expect(dest(wave, 'shipping_address')).toBeNull();
  });

  it('Dutch street names stay off the country; card addresses, contact names and line items find their fields', () => {
    const nl = real(P, 'ra13-nl-pizzeria-klanten.csv');
    expect(dest(nl, 'Straat')).toMatch(/^(home|mailing)Address\.street1$/);
    const stripe = real(P, 'ra07-stripe-customers.csv');
    expect(dest(stripe, 'Card Address City')).toBe('billingAddress.city');
    expect(dest(stripe, 'Card Address Line1')).toBe('billingAddress.street1');
    expect(dest(stripe, 'Card Address Line2')).toBe('billingAddress.street2');
    const wave = real(P, 'ra09-wave-customers.csv');
    expect(dest(wave, 'contact_first_name')).toBe('person.name.firstName');
    const orders = real(E, 'ra02-shopify-orders.csv');
    expect(dest(orders, 'Lineitem name')).toBe('productListItems[].name');
    expect(dest(orders, 'Lineitem price')).toBe('productListItems[].priceTotal');
    expect(orders['Lineitem sku']!.destination).toBe('productListItems[0].SKU');
  });

  it('a Shopify product export on the Luma product schema gets its title, SKU and price', () => {
    const products = real(L, 'ra03-shopify-products.csv');
    expect(dest(products, 'Title')).toBe('_techmarketingdemos.productName');
    expect(dest(products, 'Variant SKU')).toBe('_techmarketingdemos.productSku');
    expect(dest(products, 'Variant Price')).toBe('_techmarketingdemos.productPrice');
    expect(dest(products, 'Type')).toBe('_techmarketingdemos.productCategory');
    expect(dest(products, 'Variant Compare At Price')).toBeNull();
  });

  it('headers that say nothing are placed by their values', () => {
    const s = suggestFor(P, {
      'Column 7': ['ana@example.com', 'bo@example.org'],
      ZX_01: ['+44 7700 900123', '+1 202-555-0110', '+49 151 2345678'],
      blorp: ['1985-03-14', '1990-11-02', '1979-06-30'],
      'cf-9': ['Gold', 'Silver', 'Bronze'],
      q12: ['Mr', 'Mrs', 'Dr'],
    });
    expect(s['Column 7']!.destination).toBe('personalEmail.address');
    expect(s['Column 7']!.level).toBe('high');
    expect(s.ZX_01!.destination).toMatch(/^(home|mobile)Phone\.number$/);
    expect(s.blorp!.destination).toBe('person.birthDate');
    expect(s['cf-9']!.destination).toBe('loyalty.tier');
    expect(s.q12!.destination).toBe('person.name.courtesyTitle');
    const l = suggestFor(L, {
      field1: ['LLMH09', 'WS12-M-Blue', 'MJ01'],
      field2: ['men:tops:hoodies', 'women:tops:tees', 'gear:bags'],
      field3: ['blue', 'black', 'red'],
      field4: ['XS', 'M', 'L', 'XL'],
    });
    expect([l.field1!.destination, l.field2!.destination, l.field3!.destination, l.field4!.destination]).toEqual([
      '_techmarketingdemos.productSku',
      '_techmarketingdemos.productCategory',
      '_techmarketingdemos.productColor',
      '_techmarketingdemos.productSize',
    ]);
  });

  it('amounts written with a decimal comma or a currency reach number fields; unsure while their reading is undecided', () => {
    // Decided readings travel with the entry (decimal comma, currency), so the field is certain.
    const s = suggestFor(L, { Prezzo: ['19,90', '1.234,50'] });
    expect(s.Prezzo!.destination).toBe('_techmarketingdemos.productPrice');
    expect(s.Prezzo!.evidence).toContain('values look like money amounts');
    const preis = suggestFor(L, { Preis: ['118,00 €', '29,00 €'] }).Preis!;
    expect([preis.destination, preis.level]).toEqual(['_techmarketingdemos.productPrice', 'high']);
    expect(preis.evidence).toContain('values look like money amounts');
    // `1,234` may be a thousand or one and a bit: the person must choose, so not "high".
    const open = suggestFor(L, { Prezzo: ['1,234', '5,678'] }).Prezzo!;
    expect(open.destination).toBe('_techmarketingdemos.productPrice');
    expect(open.level).not.toBe('high');
    expect(open.evidence.some((e) => /more than one way.*a reading must be chosen/.test(e))).toBe(true);
  });

  it('free text (descriptions, notes) is never placed by what a few values look like', () => {
    const s = suggestFor(G, { Description: ['VIP'], Notes: ['Gold'], Comment: ['female'] });
    for (const c of ['Description', 'Notes', 'Comment']) expect(s[c]!.destination, c).toBeNull();
  });

  it('a number among several price fields is not placed by its values alone', () => {
    expect(suggestFor(E, { field1: ['19.99', '5.00', '120.50'] }).field1!.destination).toBeNull();
  });
});

describe('values correct a name only where it points', () => {
  it('takes the courtesy title beside a refuted gender, a tax id from tax-id values, and nothing for traps', () => {
    expect(suggestFor(P, { Geschlecht: ['Herr', 'Frau'] }).Geschlecht!.destination).toBe('person.name.courtesyTitle');
    expect(suggestFor(P, { CPF: ['123.456.789-09', '987.654.321-00'] }).CPF!.destination).toBe('person.taxId');
    const traps = suggestFor(P, {
      'Manager Email': ['boss@example.com'],
      'Emergency Contact Phone': ['+1 415 555 0100'],
      Notes: ['VIP', 'VIP'],
      'Spouse Name': ['Jane Roe'],
    });
    for (const c of ['Manager Email', 'Emergency Contact Phone', 'Notes', 'Spouse Name']) expect(traps[c]!.destination, c).toBeNull();
  });

  it('keeps a gender in other words on the gender field, unsure, saying the values want translating', () => {
    const s = suggestFor(P, { Sexo: ['Hombre', 'Mujer'] }).Sexo!;
    expect(s.destination).toBe('person.gender');
    expect(s.level).not.toBe('high');
    expect(s.evidence).toContain("values mean the field's allowed values in other words: they need translating");
  });
});

describe('context decides', () => {
  it('places prefix groups under one parent each', () => {
    const s = suggestFor(P, {
      'Address_1 Street': ['1 Main St'],
      'Address_1 City': ['Austin'],
      'Address_2 Street': ['2 High St'],
      'Address_2 City': ['Leeds'],
    });
    const parent = (c: string) => s[c]!.destination!.split('.')[0];
    expect(parent('Address_1 Street')).toBe(parent('Address_1 City'));
    expect(parent('Address_2 Street')).toBe(parent('Address_2 City'));
    expect(parent('Address_1 Street')).not.toBe(parent('Address_2 Street'));
  });

  it("reads bare Name, Title, Type and Description by the schema's subject", () => {
    expect(suggestFor(L, { Name: ['Abominable Hoodie'] }).Name!.destination).toBe('_techmarketingdemos.productName');
    expect(suggestFor(L, { Type: ['Indoor'] }).Type!.destination).toBe('_techmarketingdemos.productCategory');
    expect(suggestFor(P, { Name: ['Ada Lovelace', 'Alan Turing'] }).Name!.destination).toBe('person.name.fullName');
    expect(suggestFor(P, { Description: ['VIP since 2019'] }).Description!.destination).toBeNull();
    expect(suggestFor(E, { Description: ['Dues payment'] }).Description!.destination).toBeNull();
    expect(suggestFor(P, { Status: ['active'] }).Status!.destination).toBeNull();
  });

  it('leaves the value of a name/value pair unmapped', () => {
    const s = suggestFor(L, { 'Attribute 1 name': ['Color'], 'Attribute 1 value(s)': ['Blue, Green, Red', 'Blue'] });
    expect(s['Attribute 1 value(s)']!.destination).toBeNull();
    expect(s['Attribute 1 value(s)']!.evidence[0]).toMatch(/name\/value pair/);
  });

  it('in a file about people at work, a plain Phone is the work phone once the home phone is taken', () => {
    const s = suggestFor(G, {
      Title: ['CFO', 'VP, Facilities'],
      Department: ['Finance', 'Internal Operations'],
      HomePhone: ['+1 512 757 1000'],
      Phone: ['(512) 757-6000', '(336) 222-7000'],
    });
    expect(s.HomePhone!.destination).toBe('homePhone.number');
    expect(s.Phone!.destination).toBe('workPhone.number');
  });
});
