/**
 * The kinds of value a column can hold, as far as its values alone say, and how specific each
 * kind is as evidence (an email column is near certain about its meaning; a decimal says little).
 */
export type ValueKind =
  | 'email'
  | 'phone'
  | 'url'
  | 'uuid'
  | 'hash'
  | 'flag'
  | 'date'
  | 'date-time'
  | 'birth-date'
  | 'day-month'
  | 'year'
  | 'country-code'
  | 'country-name'
  | 'state-code'
  | 'currency'
  | 'language'
  | 'gender'
  | 'courtesy-title'
  | 'tier'
  | 'marital-status'
  | 'postal-code'
  | 'postal-numeric'
  | 'street'
  | 'person-name'
  | 'given-name'
  | 'name-word'
  | 'company-name'
  | 'job-title'
  | 'product-name'
  | 'sku'
  | 'order-number'
  | 'numeric-id'
  | 'code-id'
  | 'national-id'
  | 'category-path'
  | 'colour'
  | 'size'
  | 'money'
  | 'quantity'
  | 'coordinate'
  | 'html'
  | 'long-text';

/** Human wording of a kind, for evidence. */
export const KIND_LABEL: Readonly<Record<ValueKind, string>> = {
  email: 'email addresses',
  phone: 'phone numbers',
  url: 'URLs',
  uuid: 'UUIDs',
  hash: 'hashes',
  flag: 'yes/no flags',
  date: 'dates',
  'date-time': 'timestamps',
  'birth-date': 'dates of birth (12 to 125 years ago)',
  'day-month': 'days of the year (MM/DD)',
  year: 'years',
  'country-code': 'ISO country codes',
  'country-name': 'country names',
  'state-code': 'state or province codes',
  currency: 'ISO 4217 currency codes',
  language: 'languages',
  gender: 'genders',
  'courtesy-title': 'courtesy titles (Mr, Ms, Dr)',
  tier: 'loyalty tiers',
  'marital-status': 'marital statuses',
  'postal-code': 'postal codes',
  'postal-numeric': 'numeric postal codes',
  street: 'street lines',
  'person-name': "people's names",
  'given-name': 'given names',
  'name-word': 'single name words',
  'company-name': 'company names',
  'job-title': 'job titles',
  'product-name': 'product names',
  sku: 'SKU-like codes',
  'order-number': 'order numbers (#1001)',
  'numeric-id': 'numeric ids',
  'code-id': 'coded ids',
  'national-id': 'tax or national ids (CPF, codice fiscale, DNI, SSN, VAT)',
  'category-path': 'category paths (a > b, a:b)',
  colour: 'colours',
  size: 'sizes',
  money: 'money amounts',
  quantity: 'quantities',
  coordinate: 'coordinates',
  html: 'HTML text',
  'long-text': 'free text',
};

/** What one column's values are: each kind they support and the share of values it explains. */
export interface ValueProfile {
  /** Kinds that explain most values (claimed), with their share. */
  kinds: ReadonlyMap<ValueKind, number>;
  /** The share of values each kind explains, claimed or not: what a strict field checks. */
  shares: ReadonlyMap<ValueKind, number>;
  /** No values sampled: value evidence neither confirms nor refutes anything. */
  empty: boolean;
}

/**
 * Kinds that say what a column is strongly enough to refute a field that wants something
 * else: flags in a street, people's names in a challenge, order numbers in a product name.
 */
export const DISTINCTIVE: ReadonlySet<ValueKind> = new Set<ValueKind>([
  'email',
  'phone',
  'url',
  'uuid',
  'hash',
  'flag',
  'date',
  'date-time',
  'birth-date',
  'country-code',
  'country-name',
  'currency',
  'gender',
  'courtesy-title',
  'person-name',
  'given-name',
  'company-name',
  'order-number',
  'national-id',
  'street',
  'html',
  'long-text',
  'category-path',
]);
