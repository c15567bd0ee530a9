import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/csv/profile';
import type { ValueKind } from '../../../src/core/suggest/values/kinds';
import { readValues } from '../../../src/core/suggest/values/recognise';

const kinds = (values: string[]) => [...readValues(profileColumn('c', 0, values), new Date('2026-01-01')).kinds.keys()];

describe('value kinds: what values say without their header', () => {
  it.each<[string[], ValueKind]>([
    [['a@example.com', 'b@example.org'], 'email'],
    [['+1 202-555-0110', '+44 7700 900123'], 'phone'],
    [["'+49 160 55501234", '3105550147', '555-867-5309 x89'], 'phone'],
    [['0496555103', '0478555274'], 'phone'],
    [['https://example.com/a', 'www.example.org'], 'url'],
    [['thorodensohn.net', 'highlander.com'], 'url'],
    [['1b6e2c1a-3f0d-4a57-9d0e-2c6f1b8a7e11'], 'uuid'],
    [['00010242fe8c5a6d1ba2dd792cb16214', '00018f77f2f0320c557190d7a144bdd3'], 'hash'],
    [['true', 'false'], 'flag'],
    [['ja', 'nein'], 'flag'],
    [['1906-12-09', '1988-12-30', '2001-04-09'], 'birth-date'],
    [['2022-01-11 04:32:31 -0500', '2022-01-04 01:08:37 -0500'], 'date-time'],
    [['03/14', '11/02'], 'day-month'],
    [['FR', 'DE', 'US'], 'country-code'],
    [['France', 'Deutschland', 'United States'], 'country-name'],
    [['Alemania', 'Reino Unido', 'Suecia', 'México'], 'country-name'],
    [['NY', 'TX', 'KS'], 'state-code'],
    [['EUR', 'usd', 'GBP'], 'currency'],
    [['en-US', 'fr_FR', 'de'], 'language'],
    [['Deutsch', 'Français', 'English'], 'language'],
    [['female', 'male', 'F'], 'gender'],
    [['Mr.', 'Ms.', 'Dr.'], 'courtesy-title'],
    [['Herr', 'Frau'], 'courtesy-title'],
    [['platinum', 'gold', 'silver'], 'tier'],
    [['Or', 'Argent'], 'tier'],
    [['casado', 'soltero', 'divorciado'], 'marital-status'],
    [['SW1A 1AA', 'EH2 1JX', 'W1U 4EG'], 'postal-code'],
    [['1012 AB', '3511 LN'], 'postal-code'],
    [['01310-100', '20040-002'], 'postal-code'],
    [['12 High Street', '4 Rue de Rivoli', 'Hauptstraße 5'], 'street'],
    [['Lindenhofweg', 'Ahornstrasse', 'Beukenlaan'], 'street'],
    [['Rose Gonzalez', 'Sean Forbes', 'Dra. Ana Laura Pereira'], 'person-name'],
    [['Jonas', 'Anna', 'Lukas'], 'given-name'],
    [['Simpsons Baking Co', 'Acme GmbH', 'Franchi S.p.A.'], 'company-name'],
    [['SVP, Procurement', 'CFO', 'Sales Manager'], 'job-title'],
    [['Velour Wide-Leg Pant - Tanned Brown / L', 'Smartphone Samsung Galaxy A14'], 'product-name'],
    [['LLMH09', 'WS12-M-Blue', '24-MG04'], 'sku'],
    [['#1411', '#1410'], 'order-number'],
    [['cus_Pq7rT2xWvLm9Ka', 'cus_Pr2bH8sKdNq4Zt'], 'code-id'],
    [['men:tops:hoodies', 'women:tops:tees'], 'category-path'],
    [['Clothing > Tshirts', 'Clothing > Hoodies'], 'category-path'],
    [['blue', 'black', 'rouge'], 'colour'],
    [['XS', 'M', 'XL', '28'], 'size'],
    [['69.00', '32.50'], 'money'],
    [['118.00 €', '29.00 €'], 'money'],
    [['1', '2', '1', '3'], 'quantity'],
    [['39.7817', '-89.6501'], 'coordinate'],
    [['<p>Black floor lamp</p>', '<h6>Description</h6>'], 'html'],
    [['123.456.789-09', 'RSSMRA80A01H501U', '12345678Z', '123-45-6789', 'IT10799730964'], 'national-id'],
  ])('%j are %s', (values, kind) => {
    expect(kinds(values)).toContain(kind);
  });

  it('keeps look-alikes apart', () => {
    // Events, not births; job titles, not courtesy titles; words and numbers, not streets.
    expect(kinds(['2024-03-01', '2025-11-20'])).not.toContain('birth-date');
    expect(kinds(['Rear Admiral', 'Mathematician'])).not.toContain('courtesy-title');
    expect(kinds(['note 5', 'note 6', 'Room 12'])).not.toContain('street');
    // An event type is not a domain name, ages are not sizes, a lone 1 is not a yes.
    expect(kinds(['commerce.purchases', 'commerce.productViews'])).not.toContain('url');
    expect(kinds(['44', '59', '31'])).not.toContain('size');
    expect(kinds(['1'])).not.toContain('flag');
    // Company names are not people's names, nor are cities that share a given name.
    expect(kinds(['Alfreds Futterkiste', 'Around the Horn', 'Antonio Moreno Taquería', 'Berglunds snabbköp'])).not.toContain('person-name');
    expect(kinds(['Paris', 'Lawrence'])).not.toContain('given-name');
    expect(kinds(['hello', 'world'])).toEqual(['name-word']);
    // Tax ids are punctuated like phone numbers, but are none.
    expect(kinds(['123-45-6789', '987-65-4321'])).not.toContain('phone');
  });

  it('reports the share of values a kind explains, claimed or not', () => {
    const p = readValues(profileColumn('Land', 0, ['Deutschland', 'Schweiz', 'Detschland']));
    expect(p.kinds.get('country-name')).toBeCloseTo(2 / 3);
    // Bare digit runs count as phones once most values are written as phones.
    expect(readValues(profileColumn('phone', 0, ['555-875-5245', '555-867-5309', '555-867-5309 x89', '321654987'])).kinds.get('phone')).toBe(1);
    const few = readValues(profileColumn('phone', 0, ['555-875-5245', 'ask at the desk', 'none', '321654987']));
    expect(few.kinds.has('phone')).toBe(false);
    // What could be a phone (a bare digit run too) for a strict phone field: half of them.
    expect(few.shares.get('phone')).toBeCloseTo(0.5);
    expect(readValues(profileColumn('x', 0, [])).empty).toBe(true);
  });
});
