/**
 * Small word lists the suggester reasons with (data only; the mechanism is in ../translate.ts).
 * Words are written folded: lowercase, no accents.
 */

/** Words that say "the usual one" (`Default Address City`): they pick no field of their own. */
export const DEFAULT_WORDS: ReadonlySet<string> = new Set(['default', 'main', 'primary', 'standard', 'preferred', 'principal', 'haupt', 'principale']);

/** Words that carry no meaning of their own in a header, in the seven languages we read. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'of the a an and or for per to at in on is by with ' + // en
    'der die das des dem den von vom und oder fur zum zur im am ' + // de
    'de du des la le les l d et ou pour au aux en ' + // fr
    'el los las del y o por para con al ' + // es
    'di da dei della delle dello il lo gli e per ' + // it
    'van het een en of voor op ' + // nl
    'do dos das ao em no na com'
  ) // pt
    .split(/\s+/),
);

/** Words that name a kind of value rather than a concept: they count, but less. */
export const GENERIC: ReadonlySet<string> = new Set([
  'id',
  'number',
  'name',
  'code',
  'date',
  'address',
  'value',
  'type',
  'amount',
  'label',
  'status',
  'time',
  'description',
  'info',
  'data',
  'text',
  'field',
  'key',
  'title',
  'reference',
]);

/** A header made only of these (plus generic words) says nothing a field could be chosen by. */
export const VAGUE: ReadonlySet<string> = new Set([
  'note',
  'comment',
  'tag',
  'flag',
  'misc',
  'other',
  'extra',
  'custom',
  'detail',
  'attribute',
  'property',
  'option',
]);

/**
 * Words that say which of several parallel objects is meant (`homeAddress`, `workEmail`). A
 * header without one means the default: the home address and phone, the personal email.
 */
export const QUALIFIERS: ReadonlySet<string> = new Set([
  'home',
  'personal',
  'work',
  'mailing',
  'billing',
  'shipping',
  'mobile',
  'fax',
  'business',
  'other',
  'secondary',
  'primary',
  'office',
]);
export const DEFAULT_QUALIFIERS: ReadonlySet<string> = new Set(['home', 'personal']);
/** Parallel objects that are close to the default: a bare `City` may land on the mailing address. */
export const NEAR_DEFAULT_QUALIFIERS: ReadonlySet<string> = new Set(['mailing']);

/**
 * Words that place a column on an item of a list (`productListItems[]`) rather than on the whole
 * record. A bare price is a unit price; a total is the order's.
 */
export const ITEM_WORDS: ReadonlySet<string> = new Set(['sku', 'product', 'item', 'line', 'quantity', 'article', 'price']);

/**
 * Words that name the record a file is about. When the schema's records are of that kind
 * (a profile is a person, a catalogue row a product), the word needs no field of its own:
 * `Customer Email` on a profile is the email, `Variant SKU` in a catalogue the SKU.
 */
export const SUBJECT_WORDS: Readonly<Record<'person' | 'product' | 'order', ReadonlySet<string>>> = {
  person: new Set([
    'customer',
    'client',
    'contact',
    'person',
    'user',
    'buyer',
    'shopper',
    'consumer',
    'attendee',
    'subscriber',
    'member',
    'lead',
    'patron',
    'guest',
  ]),
  product: new Set(['product', 'item', 'article', 'variant', 'variation', 'offer']),
  order: new Set(['order', 'purchase', 'sale']),
};

/** Header names that say nothing: the column must be judged by its values. */
export const UNLABELLED =
  /^(field|column|col|var|variable|attr|attribute|unnamed|untitled|unknown|x|c|f|v|custom ?field|cf|extra|spalte|feld|colonne|champ|columna|campo|colonna|kolom|veld|coluna)[\s_:#.-]*\d*$|^[\d\s_.#-]*$|^(\?+|-+|n\/?a|tbd|todo|xxx+|misc)$/i;
