import type { Field } from '../schema/field.types';
import { tokenize } from './normalize';
import type { ValueKind } from './values/kinds';

/**
 * What XDM's standard fields hold and how often people map them: knowledge about the field
 * groups every schema shares, kept apart from the matching mechanism in fieldIndex.ts.
 */

/** The kind of value a field is made for. */
export type Want =
  | 'email'
  | 'phone'
  | 'url'
  | 'calling-code'
  | 'country-code'
  | 'country-name'
  | 'currency'
  | 'language'
  | 'gender'
  | 'courtesy-title'
  | 'marital-status'
  | 'tier'
  | 'birth-date'
  | 'day-month'
  | 'year'
  | 'postal-code'
  | 'street'
  | 'city'
  | 'state'
  | 'full-name'
  | 'given-name'
  | 'middle-name'
  | 'family-name'
  | 'company-name'
  | 'job-title'
  | 'product-name'
  | 'label-name'
  | 'sku'
  | 'category'
  | 'colour'
  | 'size'
  | 'order-number'
  | 'tax-id'
  | 'id'
  | 'money'
  | 'quantity'
  | 'coordinate'
  | 'description';

export interface WantRule {
  /** Value kinds that fit the field. */
  accepts: readonly ValueKind[];
  /** The field takes nothing else: values of no accepted kind refute it (a country field fed street names). */
  strict: boolean;
  /** Values alone may choose the field (a middle name is a given name, but given names alone mean the first name). */
  alone: boolean;
}

const rule = (strict: boolean, ...accepts: ValueKind[]): WantRule => ({ accepts, strict, alone: true });
const notAlone = (r: WantRule): WantRule => ({ ...r, alone: false });

export const WANTS: Readonly<Record<Want, WantRule>> = {
  email: rule(true, 'email'),
  phone: rule(true, 'phone'),
  url: rule(true, 'url'),
  'calling-code': rule(true),
  'country-code': rule(true, 'country-code'),
  'country-name': rule(true, 'country-name', 'country-code'),
  currency: rule(true, 'currency'),
  language: rule(true, 'language'),
  gender: rule(true, 'gender'),
  'courtesy-title': rule(true, 'courtesy-title'),
  'marital-status': rule(true, 'marital-status'),
  tier: rule(false, 'tier'),
  'birth-date': rule(true, 'birth-date'),
  'day-month': rule(true, 'day-month'),
  year: rule(true, 'year'),
  'postal-code': rule(true, 'postal-code', 'postal-numeric'),
  street: rule(false, 'street'),
  city: rule(false),
  state: rule(false, 'state-code'),
  // A full name has two parts or more: single words (`Avengers`) or company names refute it.
  'full-name': rule(true, 'person-name'),
  'given-name': rule(false, 'given-name', 'person-name', 'name-word'),
  'middle-name': notAlone(rule(false, 'given-name', 'person-name', 'name-word')),
  'family-name': rule(false, 'name-word', 'person-name'),
  'company-name': rule(false, 'company-name'),
  'job-title': rule(false, 'job-title'),
  'product-name': rule(false, 'product-name'),
  'label-name': rule(false),
  sku: rule(false, 'sku', 'code-id', 'hash'),
  category: rule(false, 'category-path'),
  colour: rule(false, 'colour'),
  size: rule(false, 'size'),
  'order-number': rule(false, 'order-number', 'numeric-id', 'code-id'),
  'tax-id': rule(false, 'national-id', 'code-id', 'numeric-id'),
  id: rule(false, 'uuid', 'hash', 'numeric-id', 'code-id', 'order-number', 'sku'),
  money: rule(false, 'money'),
  quantity: rule(false, 'quantity'),
  coordinate: rule(false, 'coordinate'),
  description: rule(false, 'long-text', 'html'),
};

/** The kind of value a field is made for, read from its key, its parents and its type. */
export function wantOf(field: Field, key: string, segments: readonly string[]): Want | null {
  const k = key.toLowerCase();
  // Words, not substrings: `toLocaleString` is no locale, `signature` no name.
  const words = tokenize(key);
  const has = (...ws: string[]) => ws.some((w) => words.includes(w));
  const last = words[words.length - 1] ?? '';
  const path = segments.map((s) => s.toLowerCase());
  const parent = path[path.length - 2] ?? '';
  const inside = (re: RegExp) => path.slice(0, -1).some((s) => re.test(s));
  const type = field.xdmType === 'array' ? field.itemType : field.xdmType;
  if (type === 'date' || type === 'date-time') return has('birth', 'birthdate') ? 'birth-date' : null;
  if (type === 'boolean') return null;
  if (type !== 'string') return numberWant(k, words, type);
  if (/email/.test(parent) && k === 'address') return 'email';
  if (k === 'email' || k === 'emailaddress') return 'email';
  if (/phone|fax/.test(parent) && k === 'number') return 'phone';
  if (k === 'countrycode') return inside(/phone|fax/) ? 'calling-code' : 'country-code';
  if (k === 'country' || k === 'nationality') return 'country-name';
  if (has('currency')) return 'currency';
  if (last === 'language' || last === 'locale') return 'language';
  if (k === 'gender') return 'gender';
  if (k === 'courtesytitle') return 'courtesy-title';
  if (k === 'maritalstatus') return 'marital-status';
  if (last === 'tier') return 'tier';
  if (/dayandmonth/.test(k)) return 'day-month';
  if (k === 'postalcode') return 'postal-code';
  if (/^street\d$/.test(k)) return 'street';
  if (k === 'city') return 'city';
  if (k === 'state' || k === 'stateprovince' || (k === 'region' && inside(/address/))) return 'state';
  if (field.format === 'uri' || ['url', 'uri', 'link', 'website'].includes(last)) return 'url';
  if (parent === 'name' && k === 'fullname') return 'full-name';
  if (parent === 'name' && k === 'firstname') return 'given-name';
  if (parent === 'name' && k === 'middlename') return 'middle-name';
  if (parent === 'name' && k === 'lastname') return 'family-name';
  if (k === 'companyname' || has('organization', 'organizations')) return 'company-name';
  if (k === 'jobtitle') return 'job-title';
  if (k === 'productname' || (k === 'name' && inside(/^productlistitems|^product$/))) return 'product-name';
  if (last === 'name') return 'label-name';
  if (k === 'sku' || k === 'productsku') return 'sku';
  if (last === 'category' || k === 'categoryname' || k === 'categorypath' || k === 'productcategory') return 'category';
  if (last === 'color' || last === 'colour') return 'colour';
  if (last === 'size') return 'size';
  if (k === 'purchaseid' || k === 'ordernumber' || k === 'purchaseordernumber') return 'order-number';
  if (k === 'taxid' || k === 'vatnumber' || k === 'vatid') return 'tax-id';
  if (k === '_id' || last === 'id' || last === 'key') return 'id';
  if (k === 'description') return 'description';
  return null;
}

/** What a numeric field is made for. */
function numberWant(k: string, words: readonly string[], type: string | undefined): Want | null {
  if (k === 'birthyear') return 'year';
  if (k === 'latitude' || k === 'longitude') return 'coordinate';
  const money = ['price', 'amount', 'total', 'value', 'cost', 'fee', 'spend', 'purchases', 'balance'];
  if (type === 'number' && words.some((w) => money.includes(w))) return 'money';
  if ((type === 'int' || type === 'long' || type === 'short') && words.some((w) => /^quantit|^count$/.test(w))) return 'quantity';
  return null;
}

/**
 * Objects people rarely fill from a CSV export: a field inside one needs its object named in
 * the header (`Coupon Name`, `Challenge ID`), not just a shared word like `Name`.
 */
export const RARE_OBJECTS: ReadonlySet<string> = new Set([
  'challenges',
  'tasks',
  'badges',
  'coupons',
  'giveaways',
  'referrals',
  'pointsExpiration',
  'cardsDetails',
  'requisitionList',
  'returns',
  'returnItem',
  'refunds',
  'partner',
  'telecomSubscription',
  'memberDetails',
  'personalFinances',
  'travelPreferences',
  'pushNotificationDetails',
  'liveActivityPushNotificationDetails',
  'subscriptions',
  'personComponents',
  'contactDetails',
  'directMarketingAddress',
  'directMarketingPhone',
  'directMarketingEmail',
  'geoUnit',
  'orgUnit',
  'optOutConsentLevel',
  'accountKey',
  'personKey',
  'convertedContactKey',
  'matchedAccount',
  'externalKey',
  'commerceScope',
  'selectedOptions',
  'productCategories',
  'assistantDetails',
]);

/**
 * Fields that share a kind of value with a commoner field: values alone choose the commoner one
 * (a column of country names is an address's country before anyone's nationality).
 */
export const VALUE_ONLY_RARELY: ReadonlyMap<string, number> = new Map([
  ['nationality', 0.8],
  ['nextTier', 0.8],
]);

/** Extra words a field answers to, where XDM's key says less than people write. */
export const KEY_ALIASES: ReadonlyMap<string, readonly (readonly [word: string, credit: number])[]> = new Map([
  [
    'timestamp',
    [
      ['date', 0.9],
      ['time', 0.9],
    ],
  ],
  [
    'SKU',
    [
      ['product', 0.9],
      ['item', 0.9],
      ['id', 0.6],
    ],
  ],
  ['productSku', [['id', 0.6]]],
  ['purchaseID', [['order', 0.9]]],
  ['priceTotal', [['amount', 0.8]]],
  ['postalCode', [['zip', 0.9]]],
]);

/**
 * The key that holds an object's value when its other keys describe it: a header naming only
 * the object (`Phone`, `Email`) means `homePhone.number` or `personalEmail.address`, never
 * its `status` or `label`.
 */
export const MAIN_KEYS: ReadonlySet<string> = new Set(['number', 'address']);

/**
 * Key words that go without saying: a name is the full name, an order's amount its total
 * (`Refunded Amount` is `refundTotal`, `Name` is `fullName`).
 */
export const DEFAULT_KEY_WORDS: ReadonlySet<string> = new Set(['full', 'total']);
