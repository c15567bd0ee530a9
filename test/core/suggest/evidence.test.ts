import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/csv/profile';
import type { FieldTree } from '../../../src/core/schema/field.types';
import { prepareColumn } from '../../../src/core/suggest/column';
import { lineEvidence, priorEvidence, qualifierEvidence, rarityEvidence, subjectEvidence } from '../../../src/core/suggest/evidence/context';
import { nameEvidence } from '../../../src/core/suggest/evidence/name';
import { enumEvidence, typeEvidence, valueEvidence, valueOnlyEvidence } from '../../../src/core/suggest/evidence/values';
import { fieldIndex } from '../../../src/core/suggest/fieldIndex';
import { apply } from '../../../src/core/suggest/score';
import { WEIGHTS } from '../../../src/core/suggest/weights';
import { sampleTree } from '../../helpers/samples';

const P = sampleTree('profile');
const E = sampleTree('event');
const L = sampleTree('luma');
const G = sampleTree('large');

/** A column and a field of a schema, prepared as the suggester prepares them. */
function pair(tree: FieldTree, header: string, values: string[], path: string) {
  const idx = fieldIndex(tree);
  const doc = idx.byPath.get(path);
  if (!doc) throw new Error(`no field ${path}`);
  return { col: prepareColumn(profileColumn(header, 0, values), idx), doc, idx };
}
const name = (tree: FieldTree, header: string, path: string, values: string[] = []) => {
  const { col, doc } = pair(tree, header, values, path);
  return nameEvidence(col, doc)?.factor ?? 0;
};

describe('name evidence', () => {
  it('scores a header by the words it shares with a field, both ways', () => {
    expect(name(P, 'First Name', 'person.name.firstName')).toBeGreaterThan(0.9);
    // A header word the field does not explain costs more than a field word the header leaves out.
    expect(name(P, 'Name of Referrer', 'person.name.fullName')).toBeLessThan(0.3);
    expect(name(P, 'Email Opt In', 'personalEmail.address')).toBeLessThan(0.3);
  });

  it("asks for a field's distinguishing word, and for more than its object's name", () => {
    // `Created Date` names a creation, not a cancellation.
    expect(name(E, 'Order Date', 'commerce.order.createdDate')).toBeGreaterThan(name(E, 'Order Date', 'commerce.order.cancelDate'));
    // `Billing` alone names the billing address, not its label.
    expect(name(P, 'default_billing', 'billingAddress.label')).toBeLessThan(0.35);
    // `Phone` is the phone's number, not its status; a delivery status is not the shipping address's.
    expect(name(P, 'Phone', 'homePhone.number')).toBeGreaterThan(0.8);
    expect(name(P, 'Phone', 'homePhone.status')).toBeLessThan(0.35);
    expect(name(E, 'status_entrega', 'commerce.shipping.address.status')).toBeLessThan(0.35);
  });

  it('prefers words matched on the key to words matched on a parent', () => {
    expect(name(G, 'AccountId', 'b2b.accountID')).toBeGreaterThan(name(G, 'AccountId', 'userAccount.ID'));
  });

  it('reads a bare header with the schema subject, a little less sure than what it says', () => {
    const { col } = pair(L, 'Title', ['Floor Lamp'], '_techmarketingdemos.productName');
    expect(col.readings[0]!.notes[0]).toBe('a bare "Title" here is the product\'s');
    expect(col.readings[0]!.inferred).toBe(true);
    expect(name(L, 'Title', '_techmarketingdemos.productName')).toBeGreaterThan(0.75);
    expect(name(L, 'Title', '_techmarketingdemos.productName')).toBeLessThan(name(L, 'Product Name', '_techmarketingdemos.productName'));
  });
});

describe('type evidence', () => {
  it('rules out a type the values cannot take, and rewards an exact fit', () => {
    const dates = pair(P, 'Primary', ['2024-01-01', '2024-02-02'], 'homeAddress.primary');
    expect(typeEvidence(dates.col, dates.doc).factor).toBe(0);
    const words = pair(P, 'Points', ['many', 'few'], 'loyalty.points');
    expect(typeEvidence(words.col, words.doc).factor).toBe(0);
    const points = pair(P, 'Points', ['1200', '0'], 'loyalty.points');
    expect(typeEvidence(points.col, points.doc).factor).toBe(WEIGHTS.type.strong);
    // Timestamps written as text (`2022-01-11 04:32:30 -0500`) fit a date-time field.
    const created = pair(E, 'Created at', ['2022-01-11 04:32:30 -0500', '2022-01-04 01:08:35 -0500'], 'commerce.order.createdDate');
    expect(typeEvidence(created.col, created.doc).factor).toBe(WEIGHTS.type.strong);
  });
});

describe('value evidence', () => {
  it('confirms a field with values of its kind, the more specific the kind the more', () => {
    const email = pair(P, 'Email', ['a@example.com', 'b@example.org'], 'personalEmail.address');
    const tier = pair(P, 'Level', ['gold', 'silver'], 'loyalty.tier');
    expect(valueEvidence(email.col, email.doc).factor).toBeGreaterThan(valueEvidence(tier.col, tier.doc).factor);
    expect(valueEvidence(tier.col, tier.doc).factor).toBeGreaterThan(1);
  });

  it('vetoes a field when the values are of another distinctive kind', () => {
    const flags = pair(P, 'Billing?', ['true', ''], 'billingAddress.street1');
    expect(valueEvidence(flags.col, flags.doc).factor).toBe(WEIGHTS.values.contradict);
    const people = pair(P, 'Name', ['Rose Gonzalez', 'Sean Forbes', 'Jack Rogers'], 'loyalty.challenges[].name');
    expect(valueEvidence(people.col, people.doc).factor).toBe(WEIGHTS.values.contradict);
    const orders = pair(E, 'Name', ['#1411', '#1410'], 'productListItems[].name');
    expect(valueEvidence(orders.col, orders.doc).factor).toBe(WEIGHTS.values.contradict);
  });

  it('refutes a strict field whose kind explains under half the values', () => {
    const streets = pair(P, 'Straat', ['Beukenlaan', 'Eikenlaan', 'Molenhoek'], 'homeAddress.country');
    expect(valueEvidence(streets.col, streets.doc).factor).toBe(WEIGHTS.values.strictMiss);
    // Typos in a country column (`Detschland`) do not refute it.
    const land = pair(P, 'Land', ['Deutschland', 'Schweiz', 'Detschland'], 'homeAddress.country');
    expect(valueEvidence(land.col, land.doc).factor).toBeGreaterThan(1);
    // Single words are not full names; company names are not people.
    const companies = pair(P, 'Customer Name', ['Avengers', 'Jessica Jones', 'Highlander', 'Simpsons Baking Co', 'Defenders'], 'person.name.fullName');
    expect(valueEvidence(companies.col, companies.doc).factor).toBe(WEIGHTS.values.strictMiss);
  });

  it('says an empty column cannot be checked', () => {
    const empty = pair(P, 'Email', [], 'personalEmail.address');
    expect(valueEvidence(empty.col, empty.doc)).toEqual({ factor: WEIGHTS.values.empty, note: 'no values to check' });
  });
});

describe('values alone', () => {
  it('are as sure as the kind is specific and the field is alone of its kind', () => {
    const email = pair(P, 'field1', ['ana@example.com', 'bo@example.com'], 'personalEmail.address');
    const money = pair(E, 'field1', ['19.99', '5.00', '120.50'], 'commerce.order.priceTotal');
    expect(valueOnlyEvidence(email.col, email.doc, email.idx)!.factor).toBeGreaterThan(0.9);
    expect(valueOnlyEvidence(money.col, money.doc, money.idx)!.factor).toBeLessThan(0.3);
  });

  it('choose the plain field before the qualified one, and never a field values cannot tell apart', () => {
    const tier = pair(P, 'x', ['platinum', 'gold'], 'loyalty.tier');
    const next = pair(P, 'x', ['platinum', 'gold'], 'loyalty.nextTier');
    expect(valueOnlyEvidence(tier.col, tier.doc, tier.idx)!.factor).toBeGreaterThan(valueOnlyEvidence(next.col, next.doc, next.idx)!.factor);
    // Given names alone mean a first name, never a middle name.
    const middle = pair(P, 'x', ['Jonas', 'Anna'], 'person.name.middleName');
    expect(valueOnlyEvidence(middle.col, middle.doc, middle.idx)).toBeNull();
  });
});

describe('enum evidence', () => {
  it('confirms values among an enum and refutes others, but only for a closed enum', () => {
    const g = pair(P, 'Gender', ['female', 'male'], 'person.gender');
    expect(enumEvidence(g.col, g.doc).factor).toBe(WEIGHTS.values.enumConfirm);
    const titles = pair(P, 'Geschlecht', ['Herr', 'Frau'], 'person.gender');
    expect(enumEvidence(titles.col, titles.doc).factor).toBe(WEIGHTS.values.enumMiss);
  });
});

describe('context evidence', () => {
  it('puts numbered lines on their line and array fields on their item', () => {
    const street = pair(P, 'Billing Street', ['Storgatan 4'], 'billingAddress.street3');
    expect(lineEvidence(street.col, street.doc).factor).toBe(WEIGHTS.context.wrongLine);
    const line2 = pair(P, 'Address 2', ['Flat 2'], 'homeAddress.street2');
    expect(lineEvidence(line2.col, line2.doc).factor).toBe(WEIGHTS.context.namedLine);
    const price = pair(E, 'Price', ['9.99'], 'productListItems[].priceTotal');
    expect(lineEvidence(price.col, price.doc).factor).toBe(WEIGHTS.context.itemWords);
    const currency = pair(E, 'Currency', ['EUR'], 'productListItems[].currencyCode');
    expect(lineEvidence(currency.col, currency.doc).factor).toBe(WEIGHTS.context.arrayWithoutItemWords);
  });

  it('takes the default among parallel objects unless the header asks for another', () => {
    const home = pair(P, 'City', ['Lyon'], 'homeAddress.city');
    const billing = pair(P, 'City', ['Lyon'], 'billingAddress.city');
    const asked = pair(P, 'Billing City', ['Lyon'], 'billingAddress.city');
    expect(qualifierEvidence(home.col, home.doc).factor).toBe(1);
    expect(qualifierEvidence(billing.col, billing.doc).factor).toBe(WEIGHTS.context.otherQualifier);
    expect(qualifierEvidence(asked.col, asked.doc).factor).toBe(1);
    // `extendedWorkDetails` has no parallel home object: its `work` picks nothing.
    expect(fieldIndex(G).byPath.get('extendedWorkDetails.jobTitle')!.qualifiers).toEqual([]);
  });

  it('needs rarely used objects named, and keeps event counters off', () => {
    const name = pair(P, 'Name', ['Kai Marsh'], 'loyalty.challenges[].name');
    expect(rarityEvidence(name.col, name.doc).factor).toBe(WEIGHTS.context.rareUnnamed);
    const named = pair(P, 'Challenge Name', ['Summer steps'], 'loyalty.challenges[].name');
    expect(rarityEvidence(named.col, named.doc).factor).toBe(1);
    const views = pair(E, 'Product ID', ['A1'], 'commerce.productViews.id');
    expect(rarityEvidence(views.col, views.doc).factor).toBe(WEIGHTS.context.measure);
  });

  it("reads a bare header as the record's own fields unless the values say otherwise", () => {
    const status = pair(P, 'Status', ['active'], 'homeAddress.status');
    expect(subjectEvidence(status.col, status.doc, nameEvidence(status.col, status.doc)).factor).toBe(WEIGHTS.name.bareOffSubject);
    const title = pair(G, 'Title', ['SVP, Procurement', 'CFO', 'VP, Facilities'], 'extendedWorkDetails.jobTitle');
    expect(subjectEvidence(title.col, title.doc, nameEvidence(title.col, title.doc)).factor).toBe(WEIGHTS.name.bareConfirmed);
  });

  it('ranks platform fields and the ids of nested objects low', () => {
    const created = pair(P, 'Created', ['2024-01-01T00:00:00Z'], '_repo.createDate');
    expect(priorEvidence(created.col, created.doc).factor).toBe(WEIGHTS.prior.platform);
    const coordinates = pair(P, 'ID', ['A1'], 'homeAddress._id');
    expect(priorEvidence(coordinates.col, coordinates.doc).factor).toBe(WEIGHTS.prior.nestedId);
    // A nested id whose title says what it identifies is an ordinary field.
    const line = pair(E, 'Line ID', ['1'], 'productListItems[]._id');
    expect(priorEvidence(line.col, line.doc).factor).toBe(1);
  });
});

describe('combining factors', () => {
  it('raises odds for confirmations, so they saturate below 1, and scales down for contradictions', () => {
    expect(apply(0.9, 3)).toBeCloseTo(0.964, 3);
    expect(apply(apply(0.9, 3), 3)).toBeLessThan(1);
    expect(apply(0.9, 0.1)).toBeCloseTo(0.09);
  });
});
