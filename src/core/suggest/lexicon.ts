/**
 * The words people write in CSV headers, mapped onto the words XDM uses. Each entry is a
 * canonical English phrase (in XDM's vocabulary: `postal code`, `birth date`, `purchase id`)
 * and the ways exports write it: abbreviations, synonyms, and German, French, Spanish (and some
 * Italian, Portuguese and Dutch) words, written folded (lowercase, no accents). Phrases are
 * matched longest first on header tokens. Entries are about concepts that recur across
 * exports, never about one file.
 */
export const PHRASES: readonly (readonly [canonical: string, variants: readonly string[]])[] = [
  // People
  ['first name', ['fname', 'firstname', 'given name', 'givenname', 'forename', 'vorname', 'prenom', 'nombre', 'nome', 'voornaam', 'primer nombre']],
  [
    'last name',
    [
      'lname',
      'lastname',
      'surname',
      'family name',
      'familyname',
      'nachname',
      'familienname',
      'nom',
      'nom de famille',
      'apellido',
      'apellidos',
      'cognome',
      'sobrenome',
      'achternaam',
    ],
  ],
  ['full name', ['fullname', 'complete name', 'contact name', 'customer name', 'nom complet', 'nombre completo', 'vollstandiger name', 'nome completo']],
  ['middle name', ['middlename', 'second name', 'segundo nombre', 'zweiter vorname']],
  [
    'birth date',
    [
      'dob',
      'd o b',
      'date of birth',
      'birthdate',
      'birthday',
      'birth day',
      'geburtsdatum',
      'geburtstag',
      'date de naissance',
      'fecha de nacimiento',
      'fecha nacimiento',
      'data di nascita',
      'data de nascimento',
      'geboortedatum',
      'born',
    ],
  ],
  ['birth year', ['year of birth', 'geburtsjahr', 'annee de naissance', 'ano de nacimiento']],
  ['gender', ['sex', 'geschlecht', 'sexe', 'genre', 'sexo', 'genero', 'sesso', 'geslacht']],
  ['courtesy title', ['salutation', 'honorific', 'anrede', 'civilite', 'tratamiento', 'name prefix', 'titolo']],
  ['job title', ['position', 'job', 'role', 'jobtitle', 'berufsbezeichnung', 'poste', 'cargo', 'funktion']],
  ['marital status', ['civil status', 'familienstand', 'situation familiale', 'estado civil']],
  ['nationality', ['citizenship', 'staatsangehorigkeit', 'nationalite', 'nacionalidad']],
  [
    'person id',
    [
      'customer id',
      'customerid',
      'customer number',
      'customer no',
      'cust id',
      'client id',
      'clientid',
      'client number',
      'contact id',
      'contactid',
      'record id',
      'person id',
      'profile id',
      'identifiant client',
      'id client',
      'numero client',
      'numero de client',
      'kundennummer',
      'kunden id',
      'kundenid',
      'kunden nr',
      'id cliente',
      'numero de cliente',
      'codigo cliente',
      'klantnummer',
    ],
  ],
  ['crm id', ['crmid', 'crm', 'crm number', 'crm record id']],
  [
    'loyalty id',
    [
      'number member',
      'number adherent',
      'numero adherent',
      'numero d adherent',
      'id adherent',
      'numero socio',
      'member id',
      'memberid',
      'member number',
      'membership number',
      'membership id',
      'loyalty number',
      'card number',
      'loyalty card',
      'numero de membre',
      'mitgliedsnummer',
      'numero de socio',
    ],
  ],
  [
    'company name',
    ['company', 'organization', 'organisation', 'employer', 'firma', 'unternehmen', 'entreprise', 'societe', 'empresa', 'azienda', 'account name'],
  ],
  // Contact
  [
    'email',
    [
      'e mail',
      'mail',
      'email address',
      'e mail address',
      'mail address',
      'emailaddress',
      'courriel',
      'adresse email',
      'adresse e mail',
      'adresse mail',
      'adresse courriel',
      'correo',
      'correo electronico',
      'direccion de correo',
      'e mail adresse',
      'emailadresse',
      'posta elettronica',
      'indirizzo email',
    ],
  ],
  [
    'phone',
    [
      'telephone',
      'tel',
      'phone number',
      'phonenumber',
      'telephone number',
      'phone no',
      'landline',
      'telefon',
      'telefonnummer',
      'numero de telephone',
      'telefono',
      'numero de telefono',
      'telefone',
      'telefoon',
      'tel nr',
      'tel no',
    ],
  ],
  [
    'mobile phone',
    [
      'mobile',
      'mobilephone',
      'mobiletelephone',
      'cell',
      'cellphone',
      'cell phone',
      'mobile number',
      'cell number',
      'mobile phone number',
      'handy',
      'handynummer',
      'mobiltelefon',
      'mobilnummer',
      'telephone portable',
      'portable',
      'telephone mobile',
      'movil',
      'telefono movil',
      'celular',
      'cellulare',
      'mobiel',
    ],
  ],
  ['fax phone', ['fax', 'telefax', 'fax number']],
  ['work phone', ['business phone', 'office phone', 'work number', 'telefon geschaftlich', 'telephone professionnel']],
  ['work email', ['business email', 'office email']],
  ['personal', ['private', 'privat', 'prive', 'privee', 'particulier', 'personnel', 'personnelle', 'particular']],
  // Addresses
  [
    'street',
    [
      'street address',
      'streetaddress',
      'address line',
      'address line 1',
      'addressline1',
      'addr',
      'addr1',
      'address1',
      'street 1',
      'street1',
      'strasse',
      'str',
      'rue',
      'calle',
      'via',
      'house number and street',
    ],
  ],
  ['address', ['adresse', 'direccion', 'domicilio', 'anschrift', 'indirizzo', 'endereco', 'adres']],
  [
    'city',
    ['town', 'ville', 'stadt', 'ort', 'wohnort', 'ciudad', 'localidad', 'citta', 'cidade', 'plaats', 'woonplaats', 'municipality', 'locality', 'commune'],
  ],
  [
    'postal code',
    ['zip', 'zipcode', 'zip code', 'postcode', 'post code', 'postal', 'postalcode', 'plz', 'postleitzahl', 'code postal', 'codigo postal', 'cep', 'postnummer'],
  ],
  ['state province', ['state', 'province', 'provincia', 'bundesland', 'etat', 'estado', 'state code', 'state province']],
  ['region', ['county', 'district', 'kreis', 'landkreis', 'departement', 'comarca']],
  ['country', ['land', 'pays', 'pais', 'paese', 'nation', 'country name', 'staat']],
  ['country code', ['iso country', 'country iso', 'countrycode', 'code pays', 'codigo pais', 'landercode']],
  ['shipping', ['ship to', 'shipto', 'ship', 'delivery', 'deliver to', 'lieferung', 'liefer', 'livraison', 'envio', 'spedizione', 'shipped to']],
  ['billing', ['bill to', 'billto', 'invoice', 'rechnung', 'facturation', 'facturacion', 'fatturazione']],
  ['mailing', ['postal address', 'correspondence']],
  // Commerce
  [
    'order purchase id',
    [
      'purchase id',
      'order id',
      'orderid',
      'order number',
      'order no',
      'order nr',
      'order ref',
      'order reference',
      'ordernumber',
      'bestellnummer',
      'bestell nr',
      'numero de commande',
      'numero commande',
      'numero de pedido',
      'pedido',
      'ordine',
      'purchase number',
    ],
  ],
  [
    'order price total',
    [
      'grand total',
      'order total',
      'total amount',
      'total price',
      'order amount',
      'order value',
      'total',
      'gesamtbetrag',
      'gesamtsumme',
      'montant total',
      'importe total',
      'totale',
      'revenue',
    ],
  ],
  ['quantity', ['qty', 'quantities', 'units', 'anzahl', 'menge', 'quantite', 'cantidad', 'quantita', 'aantal', 'stuck']],
  ['sku', ['item number', 'article number', 'artikelnummer', 'product code', 'part number', 'item code', 'reference produit', 'codigo de producto']],
  ['price', ['unit price', 'item price', 'preis', 'prix', 'precio', 'prezzo', 'preco', 'prijs', 'einzelpreis', 'prix unitaire', 'precio unitario']],
  ['currency', ['currency code', 'waehrung', 'wahrung', 'devise', 'moneda', 'valuta', 'divisa', 'iso currency']],
  ['tax amount', ['tax', 'taxes', 'vat', 'sales tax', 'mwst', 'steuer', 'tva', 'iva', 'impuesto', 'tax total']],
  [
    'shipping amount',
    [
      'shipping cost',
      'shipping costs',
      'shipping fee',
      'shipping charge',
      'shipping price',
      'shipping total',
      'freight',
      'delivery fee',
      'delivery cost',
      'versandkosten',
      'frais de port',
      'frais de livraison',
      'gastos de envio',
      'spese di spedizione',
    ],
  ],
  ['discount amount', ['discount', 'rabatt', 'remise', 'descuento', 'sconto', 'coupon amount']],
  [
    'order created date',
    [
      'order date',
      'purchase date',
      'date ordered',
      'ordered at',
      'ordered on',
      'order placed',
      'date of purchase',
      'transaction date',
      'bestelldatum',
      'date de commande',
      'fecha de pedido',
      'fecha del pedido',
      'data ordine',
    ],
  ],
  ['created date', ['created at', 'creation date', 'date created', 'created on', 'createdate', 'erstellt am', 'date de creation', 'fecha de creacion']],
  ['timestamp', ['event time', 'event date', 'time stamp', 'datetime', 'date time', 'zeitstempel', 'horodatage', 'fecha y hora', 'occurred at']],
  [
    'product name',
    [
      'item name',
      'article name',
      'product title',
      'item title',
      'produktname',
      'artikelname',
      'nom du produit',
      'nom produit',
      'nombre del producto',
      'nome prodotto',
    ],
  ],
  ['category', ['categories', 'kategorie', 'categorie', 'categoria', 'product category', 'product type']],
  ['color', ['colour', 'farbe', 'couleur', 'color', 'colore', 'cor', 'kleur']],
  ['size', ['grosse', 'taille', 'talla', 'tamano', 'taglia', 'tamanho', 'maat']],
  // Loyalty
  ['loyalty', ['fidelite', 'fidelidad', 'treue', 'fedelta', 'fidelidade', 'rewards', 'reward']],
  [
    'points',
    [
      'loyalty points',
      'reward points',
      'rewards points',
      'bonus points',
      'point balance',
      'points balance',
      'punkte',
      'points de fidelite',
      'puntos',
      'punti',
      'pontos',
    ],
  ],
  ['tier', ['level', 'loyalty tier', 'loyalty level', 'membership level', 'membership tier', 'member tier', 'stufe', 'niveau', 'nivel', 'livello']],
  [
    'join date',
    [
      'member since',
      'joined',
      'join',
      'enrollment date',
      'enrolment date',
      'enrolled',
      'signup date',
      'sign up date',
      'registration date',
      'registered',
      'anmeldedatum',
      'date d inscription',
      'fecha de alta',
      'fecha de registro',
    ],
  ],
  // What a column says about permission, not an address: never an email or phone field.
  [
    'consent',
    [
      'opt in',
      'optin',
      'opt out',
      'optout',
      'opted in',
      'opted out',
      'unsubscribe',
      'unsubscribed',
      'subscribed',
      'accepts',
      'accepts marketing',
      'marketing consent',
      'newsletter',
      'permission',
      'do not email',
      'do not call',
      'dnc',
      'gdpr',
      'einwilligung',
      'consentement',
      'consentimiento',
    ],
  ],
  // Abbreviations
  ['id', ['identifier', 'ident', 'identifiant', 'identificador', 'kennung', 'uid', 'guid', 'uuid']],
  ['number', ['no', 'nr', 'num', 'nummer', 'numero']],
  ['amount', ['amt', 'betrag', 'montant', 'importe']],
  ['description', ['desc', 'beschreibung', 'descripcion']],
  ['date', ['dt', 'datum', 'fecha']],
  ['customer', ['cust', 'kunde', 'cliente']],
];

/** Words that say "the usual one" (`Default Address City`): they pick no field of their own. */
export const DEFAULT_WORDS: ReadonlySet<string> = new Set(['default', 'main', 'primary', 'standard', 'preferred']);

/** Words that carry no meaning of their own in a header. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'of',
  'the',
  'a',
  'an',
  'de',
  'du',
  'des',
  'la',
  'le',
  'les',
  'el',
  'los',
  'las',
  'del',
  'der',
  'die',
  'das',
  'von',
  'vom',
  'y',
  'et',
  'und',
  'and',
  'or',
  'ou',
  'o',
  'for',
  'per',
  'por',
  'pour',
  'fur',
  'di',
  'da',
  'do',
  'van',
  'het',
  'en',
  'is',
  'in',
  'on',
  'at',
  'to',
]);

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

/** Words that place a column on an item of a list (`productListItems[]`) rather than on the whole record. */
export const ITEM_WORDS: ReadonlySet<string> = new Set(['sku', 'product', 'item', 'items', 'line', 'quantity', 'article']);

/** Header names that say nothing: the column must be judged by its values. */
export const UNLABELLED = /^(field|column|col|var|attr|attribute|unnamed|untitled|x|c|f|v)[\s_:-]*\d*$|^\d+$|^$/i;

interface Node {
  next: Map<string, Node>;
  canonical?: string;
  variant?: string;
}

let trie: Node | null = null;
function buildTrie(): Node {
  const root: Node = { next: new Map() };
  for (const [canonical, variants] of PHRASES) {
    for (const v of [canonical, ...variants]) {
      let n = root;
      for (const t of v.split(' ')) {
        let child = n.next.get(t);
        if (!child) {
          child = { next: new Map() };
          n.next.set(t, child);
        }
        n = child;
      }
      // The first entry for a phrase wins: entries are ordered from specific to general.
      if (n.canonical === undefined) {
        n.canonical = canonical;
        n.variant = v;
      }
    }
  }
  return root;
}

export interface Translation {
  tokens: string[];
  /** `"zip" -> "postal code"`, for the evidence shown to a person. */
  notes: { from: string; to: string }[];
}

/** Rewrites tokens into XDM's vocabulary, longest phrase first. */
export function translate(tokens: readonly string[]): Translation {
  trie ??= buildTrie();
  const out: string[] = [];
  const notes: Translation['notes'] = [];
  let i = 0;
  while (i < tokens.length) {
    let n: Node | undefined = trie;
    let best: { end: number; canonical: string; variant: string } | null = null;
    for (let j = i; j < tokens.length && n; j++) {
      n = n.next.get(tokens[j]!);
      if (n?.canonical !== undefined) best = { end: j + 1, canonical: n.canonical, variant: n.variant! };
    }
    if (best) {
      out.push(...best.canonical.split(' '));
      if (best.variant !== best.canonical) notes.push({ from: best.variant, to: best.canonical });
      i = best.end;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return { tokens: out, notes };
}

let vocabulary: { words: Set<string>; deletions: Map<string, string[]> } | null = null;

function lexiconVocabulary() {
  if (!vocabulary) {
    const words = new Set<string>();
    for (const [canonical, variants] of PHRASES) for (const v of [canonical, ...variants]) for (const t of v.split(' ')) words.add(t);
    for (const set of [GENERIC, QUALIFIERS, ITEM_WORDS]) for (const t of set) words.add(t);
    const deletions = new Map<string, string[]>();
    for (const w of words)
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        let list = deletions.get(d);
        if (!list) deletions.set(d, (list = []));
        list.push(w);
      }
    vocabulary = { words, deletions };
  }
  return vocabulary;
}

/**
 * Splits a run-together lowercase word into two known words (`mobilephone` -> mobile phone,
 * `jobtitle` -> job title), as exports that squash headers write them.
 */
export function segment(word: string, isKnown: (w: string) => boolean): string[] {
  if (word.length < 7 || isKnown(word)) return [word];
  const { words } = lexiconVocabulary();
  if (words.has(word)) return [word];
  const known = (w: string) => w.length >= 3 && (words.has(w) || isKnown(w));
  for (let i = word.length - 3; i >= 3; i--) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (known(a) && known(b)) return [a, b];
  }
  return [word];
}

/**
 * Corrects a misspelt header word to the lexicon word one edit away ("adress" -> "address",
 * "telephon" -> "telephone"), when exactly one such word exists. Short words are left alone:
 * "stage" is not a misspelt "state".
 */
export function correctSpelling(word: string, isKnown: (w: string) => boolean): string {
  if (word.length < 6 || isKnown(word)) return word;
  const vocabulary = lexiconVocabulary();
  if (vocabulary.words.has(word)) return word;
  // Typing slips only: a letter missing, one too many, or two swapped. Not a letter changed
  // ("ordered" is not "orderid") and not an inflection ("purchased" is not a typo of "purchase").
  const near = new Set<string>(vocabulary.deletions.get(word) ?? []);
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (vocabulary.words.has(d)) near.add(d);
    if (i < word.length - 1) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (vocabulary.words.has(swapped)) near.add(swapped);
    }
  }
  for (const w of [...near]) if (word.startsWith(w) && /^(s|d|es|ed|r|er|ing)$/.test(word.slice(w.length))) near.delete(w);
  if (near.size === 0) return word;
  // Several neighbours are fine when they all mean the same ("adres" and "address").
  const meanings = new Set([...near].map((w) => translate([w]).tokens.join(' ')));
  return meanings.size === 1 ? [...near].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]! : word;
}
