/**
 * Writes bench/values/corpus.json: columns in the value layouts of real exports (see SOURCES.md),
 * each with the value every cell stands for. Cells are written from known values by the small
 * formatters below, which share nothing with xdm-mapper's readers, so the expected outputs do not
 * come from the code under test. Where an export shows only a few rows, more rows are written in
 * the same layout. Run: npx tsx bench/values/build-corpus.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Expected = string | number | boolean | null | { error: true };
interface Column {
  id: string;
  source: string;
  header: string;
  /** The other headers of the file the column comes from (their language is context). */
  headers: string[];
  type: 'date' | 'date-time' | 'number' | 'int' | 'long' | 'boolean';
  cells: string[];
  /** Per cell: the value the record must hold, null for an empty cell, {error} for a cell no reading may convert. */
  expect: Expected[];
  /** `decided` when the sample settles the reading; `ambiguous` when it cannot, and the reading must be asked for. */
  reading: 'decided' | 'ambiguous';
  note?: string;
}

let seed = 20250320;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const p2 = (n: number) => String(n).padStart(2, '0');

interface D {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}
const DAYS_IN = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function randomDate(y0: number, y1: number, withTime = false): D {
  const y = int(y0, y1);
  const m = int(1, 12);
  return { y, m, d: int(1, DAYS_IN(y, m)), h: withTime ? int(0, 23) : 0, mi: withTime ? int(0, 59) : 0, s: withTime ? int(0, 59) : 0, ms: 0 };
}
const isoDate = (t: D) => `${t.y}-${p2(t.m)}-${p2(t.d)}`;
/** The instant of a local time at an offset (minutes east of UTC), as ISO 8601 UTC. */
function isoAt(t: D, offset = 0): string {
  const ms = Date.UTC(t.y, t.m - 1, t.d, t.h, t.mi, t.s, t.ms) - offset * 60000;
  const s = new Date(ms).toISOString();
  return s.endsWith('.000Z') ? `${s.slice(0, 19)}Z` : s;
}
const offText = (o: number, colon: boolean) => `${o < 0 ? '-' : '+'}${p2(Math.floor(Math.abs(o) / 60))}${colon ? ':' : ''}${p2(Math.abs(o) % 60)}`;

const EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EN_FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DE_FULL = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
const FR_FULL = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const ES_FULL = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const IT_FULL = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const NL_SHORT = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const PT_FULL = ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'];
const FR_SHORT = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

const S = {
  ra02: 'bench/suggest-real ra02-shopify-orders (Shopify admin order export; oks234/customer_vip orders_export_1.csv)',
  ra04: 'bench/suggest-real ra04-magento-customers (Magento 2 customer import fixture; magento/magento2 customers_to_import.csv)',
  ra06: 'bench/suggest-real ra06-salesforce-contacts (Salesforce Contact export; Ajvj/salesforce_erp Contact.csv)',
  ra07: 'bench/suggest-real ra07-stripe-customers (Stripe customers export; kanema20/primeorca unified_customers.csv)',
  ra08: 'bench/suggest-real ra08-stripe-payments (Stripe payments export; Jacroney/FMM unified_payments.csv)',
  ra09: 'bench/suggest-real ra09-wave-customers (Wave customers export; invoiceninja/invoiceninja wave_clients.csv)',
  ra10: 'bench/suggest-real ra10-eventbrite-attendees (Eventbrite attendee report; aravind33b/Attendance-Tracker eventbrite.csv)',
  ra11: 'bench/suggest-real ra11-fr-adherents (French association member export; sabansuresh/campagnes_associatives_2021 adherents.csv)',
  ra14: 'bench/suggest-real ra14-olist-order-items (Olist marketplace export; ArielCastilla/DEMO-B-olist-ecommerce-data)',
  rp: (f: string) => `German bank export ${f} (nicolettas-muggelbude/RechnungsPilot vorlagen/bank-csv/${f} @ cec3c176)`,
  ff: (f: string, fmt: string) => `bank export layout "${fmt}" (firefly-iii/import-configurations ${f} @ 50adfe7c)`,
  cldr: (lang: string, layout: string) => `the ${lang} long date layout (${layout}) that spreadsheet and Java exports write for that locale`,
};
const H = {
  ra02: [
    'Name',
    'Email',
    'Financial Status',
    'Paid at',
    'Fulfillment Status',
    'Accepts Marketing',
    'Currency',
    'Subtotal',
    'Total',
    'Created at',
    'Lineitem requires shipping',
  ],
  ra04: ['email', '_website', 'created_at', 'dob', 'firstname', 'gender', 'lastname'],
  ra06: ['Id', 'IsDeleted', 'LastName', 'FirstName', 'Birthdate', 'CreatedDate', 'Email'],
  ra07: ['id', 'Email', 'Name', 'Created (UTC)', 'Delinquent', 'Total Spend'],
  ra08: ['id', 'Created date (UTC)', 'Amount', 'Currency', 'Captured'],
  ra10: ['Order #', 'Order Date', 'First Name', 'Last Name', 'Email', 'Quantity'],
  ra11: ['Nom', 'Prenom', 'ID', 'Promo', 'Email', 'telephone', 'Droit_image', 'cotisation', 'Date_Debut', 'Duree', 'Date_Fin', 'Adherent', 'Charte'],
  ra14: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'shipping_limit_date', 'price', 'freight_value'],
  sparkasse: ['Auftragskonto', 'Buchungstag', 'Valutadatum', 'Buchungstext', 'Verwendungszweck', 'Beguenstigter/Zahlungspflichtiger', 'Betrag', 'Waehrung'],
  gls: [
    'Bezeichnung Auftragskonto',
    'IBAN Auftragskonto',
    'Buchungstag',
    'Valutadatum',
    'Name Zahlungsbeteiligter',
    'Verwendungszweck',
    'Betrag',
    'Waehrung',
    'Saldo nach Buchung',
  ],
  paypal: ['Datum', 'Uhrzeit', 'Zeitzone', 'Name', 'Typ', 'Status', 'Währung', 'Brutto', 'Gebühr', 'Netto'],
  dkb: ['Buchungsdatum', 'Wertstellung', 'Status', 'Zahlungspflichtige*r', 'Zahlungsempfänger*in', 'Verwendungszweck', 'Betrag (€)'],
  ing: ['Buchung', 'Wertstellungsdatum', 'Auftraggeber/Empfänger', 'Buchungstext', 'Verwendungszweck', 'Betrag', 'Währung'],
  commerz: ['Buchungstag', 'Wertstellung', 'Umsatzart', 'Buchungstext', 'Betrag', 'Währung', 'IBAN Kontoinhaber'],
  bankEn: ['Date', 'Description', 'Amount', 'Balance'],
};

const columns: Column[] = [];
function add(c: Omit<Column, 'expect' | 'cells'>, rows: [string, Expected][]): void {
  columns.push({ ...c, cells: rows.map((r) => r[0]), expect: rows.map((r) => r[1]) });
}
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const withBlanks = (rows: [string, Expected][], every: number): [string, Expected][] => rows.map((r, i) => (i % every === every - 1 ? ['', null] : r));

// --- Dates and date-times in the layouts of the real exports -------------------------------
// Shopify: local time with an RFC 822 offset; the issue's own example first.
add({ id: 'shopify-created-at', source: S.ra02, header: 'Created at', headers: H.ra02, type: 'date-time', reading: 'decided' }, [
  ['2025-03-20 05:20:57 -0700', '2025-03-20T12:20:57Z'],
  ...times(39, () => {
    const t = randomDate(2021, 2025, true);
    const o = t.m >= 4 && t.m <= 10 ? -240 : -300;
    return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} ${offText(o, false)}`, isoAt(t, o)] as [string, Expected];
  }),
]);
add(
  { id: 'shopify-paid-at', source: S.ra02, header: 'Paid at', headers: H.ra02, type: 'date-time', reading: 'decided' },
  withBlanks(
    times(30, () => {
      const t = randomDate(2022, 2022, true);
      return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)} -0500`, isoAt(t, -300)];
    }),
    4,
  ),
);
add(
  { id: 'salesforce-created', source: S.ra06, header: 'CreatedDate', headers: H.ra06, type: 'date-time', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2019, 2026, true);
    t.ms = int(0, 999);
    return [`${isoDate(t)}T${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${String(t.ms).padStart(3, '0')}Z`, isoAt(t)];
  }),
);
add(
  { id: 'salesforce-birthdate', source: S.ra06, header: 'Birthdate', headers: H.ra06, type: 'date', reading: 'decided' },
  times(30, () => {
    const t = randomDate(1940, 2004);
    return [isoDate(t), isoDate(t)];
  }),
);
add(
  { id: 'stripe-created-utc', source: S.ra07, header: 'Created (UTC)', headers: H.ra07, type: 'date-time', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2023, 2024, true);
    t.s = 0;
    return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}`, isoAt(t)];
  }),
);
add(
  { id: 'stripe-created-date-utc', source: S.ra08, header: 'Created date (UTC)', headers: H.ra08, type: 'date-time', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2025, 2026, true);
    return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`, isoAt(t)];
  }),
);
add(
  { id: 'eventbrite-order-date', source: S.ra10, header: 'Order Date', headers: H.ra10, type: 'date-time', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2023, 2023, true);
    return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}-05:00`, isoAt(t, -300)];
  }),
);
add(
  { id: 'olist-shipping-limit', source: S.ra14, header: 'shipping_limit_date', headers: H.ra14, type: 'date-time', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2017, 2018, true);
    return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`, isoAt(t)];
  }),
);
// French member list: start dates day first, end dates month first (an Excel US export), in one file.
add(
  { id: 'fr-date-debut', source: S.ra11, header: 'Date_Debut', headers: H.ra11, type: 'date', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2017, 2021);
    return [`${p2(t.d)}/${p2(t.m)}/${t.y}`, isoDate(t)];
  }),
);
add(
  {
    id: 'fr-date-fin',
    source: S.ra11,
    header: 'Date_Fin',
    headers: H.ra11,
    type: 'date',
    reading: 'decided',
    note: 'month first in a French file: the values, not the headers, decide',
  },
  times(30, () => {
    const t = randomDate(2022, 2026);
    return [`${t.m}/${p2(t.d)}/${t.y}`, isoDate(t)];
  }),
);
// Magento's fixture: every value is 5/6/yyyy, so nothing tells the day from the month.
add(
  {
    id: 'magento-created-at',
    source: S.ra04,
    header: 'created_at',
    headers: H.ra04,
    type: 'date-time',
    reading: 'ambiguous',
    note: 'Magento writes month first; the sample cannot show it',
  },
  times(12, (i) => [`5/6/2012 ${15 + (i % 3)}:${p2(10 + i * 3)}`, `2012-05-06T${15 + (i % 3)}:${p2(10 + i * 3)}:00Z`]),
);
add({ id: 'magento-dob', source: S.ra04, header: 'dob', headers: H.ra04, type: 'date', reading: 'ambiguous' }, [
  ['5/6/2010', '2010-05-06'],
  ['5/6/2010', '2010-05-06'],
  ['', null],
  ['3/4/1985', '1985-03-04'],
  ['11/12/1979', '1979-11-12'],
]);
// German bank exports: day first with dots, two- and four-digit years.
add(
  { id: 'sparkasse-buchungstag', source: S.rp('sparkasse-lzo-camt-v8.csv'), header: 'Buchungstag', headers: H.sparkasse, type: 'date', reading: 'decided' },
  times(30, (i) => {
    const t = { y: 2025, m: 12 - Math.floor(i / 10), d: 28 - (i % 10) * 2, h: 0, mi: 0, s: 0, ms: 0 };
    return [`${p2(t.d)}.${p2(t.m)}.${String(t.y).slice(2)}`, isoDate(t)];
  }),
);
add(
  { id: 'paypal-datum', source: S.rp('paypal.csv'), header: 'Datum', headers: H.paypal, type: 'date', reading: 'decided' },
  times(30, () => {
    const t = randomDate(2025, 2025);
    return [`${p2(t.d)}.${p2(t.m)}.${t.y}`, isoDate(t)];
  }),
);
add(
  { id: 'ing-de-buchung', source: S.rp('ing.csv'), header: 'Buchung', headers: H.ing, type: 'date', reading: 'decided', note: 'sorted, newest first' },
  times(30, (i) => {
    const t = { y: 2025, m: 12, d: 30 - i, h: 0, mi: 0, s: 0, ms: 0 };
    return [`${p2(t.d)}.${p2(t.m)}.${t.y}`, isoDate(t)];
  }),
);
// Bank export layouts catalogued by Firefly III's importer configurations.
const ffDate = (id: string, file: string, fmt: string, write: (t: D) => string, reading: Column['reading'] = 'decided', header = 'Date', n = 30) =>
  add(
    { id, source: S.ff(file, fmt), header, headers: H.bankEn, type: 'date', reading },
    times(n, () => {
      const t = randomDate(2019, 2024);
      return [write(t), isoDate(t)];
    }),
  );
ffDate('revolut-mdy-name', 'gb/revolut/default.json', 'M d, Y', (t) => `${EN[t.m - 1]} ${p2(t.d)}, ${t.y}`);
ffDate('macquarie-d-mon-y', 'au/macquarie/default.json', 'd M Y', (t) => `${p2(t.d)} ${EN[t.m - 1]} ${t.y}`);
ffDate('barclaycard-d-mon-yy', 'gb/barclaycard/default.json', 'd M y', (t) => `${p2(t.d)} ${EN[t.m - 1]} ${String(t.y).slice(2)}`);
ffDate('ing-nl-compact', 'nl/ing/default.json', 'Ymd', (t) => `${t.y}${p2(t.m)}${p2(t.d)}`);
ffDate('commbank-j-m-y', 'au/commonwealth-bank/default.json', 'j/m/Y', (t) => `${t.d}/${p2(t.m)}/${t.y}`);
ffDate('rbc-n-j-y', 'ca/rbc/default.json', 'n/j/Y', (t) => `${t.m}/${t.d}/${t.y}`);
ffDate('aib-d-m-yy', 'ie/aib/aib.json', 'd/m/y', (t) => `${p2(t.d)}/${p2(t.m)}/${String(t.y).slice(2)}`);
ffDate('asn-d-m-y-dash', 'nl/asnbank/default.json', 'd-m-Y', (t) => `${p2(t.d)}-${p2(t.m)}-${t.y}`);
ffDate('chase-m-d-y', 'us/chase/default.json', 'm/d/Y', (t) => `${p2(t.m)}/${p2(t.d)}/${t.y}`);
ffDate('desjardins-y-m-d-slash', 'ca/desjardins/account.json', 'Y/m/d', (t) => `${t.y}/${p2(t.m)}/${p2(t.d)}`);
add(
  {
    id: 'raiffeisen-ch-millis',
    source: S.ff('ch/raiffeisen/default.json', 'Y-m-d H:i:s.v'),
    header: 'Booked At',
    headers: H.bankEn,
    type: 'date-time',
    reading: 'decided',
  },
  times(30, () => {
    const t = randomDate(2023, 2024, true);
    t.ms = int(0, 999);
    return [`${isoDate(t)} ${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}.${String(t.ms).padStart(3, '0')}`, isoAt(t)];
  }),
);
add(
  {
    id: 'questrade-ampm',
    source: S.ff('ca/questrade/default.json', 'm/d/Y g:i:s a'),
    header: 'Transaction Date',
    headers: H.bankEn,
    type: 'date-time',
    reading: 'decided',
  },
  times(30, () => {
    const t = randomDate(2021, 2024, true);
    const h12 = t.h % 12 === 0 ? 12 : t.h % 12;
    return [`${p2(t.m)}/${p2(t.d)}/${t.y} ${h12}:${p2(t.mi)}:${p2(t.s)} ${t.h < 12 ? 'AM' : 'PM'}`, isoAt(t)];
  }),
);
// A small UK-or-US sample where every part is 12 or less: it must be asked for.
add({ id: 'small-sample-slashes', source: S.ff('gb/monzo/default.json', 'd/m/Y'), header: 'Date', headers: H.bankEn, type: 'date', reading: 'ambiguous' }, [
  ['03/04/2021', '2021-04-03'],
  ['07/04/2021', '2021-04-07'],
  ['01/05/2021', '2021-05-01'],
  ['11/02/2021', '2021-02-11'],
]);
// Two-digit birth years read as 20yy by Java's yy: the reading must be confirmed, not taken.
add(
  {
    id: 'two-digit-birth-years',
    source: S.ff('ie/aib/aib.json', 'd/m/y'),
    header: 'Date of birth',
    headers: ['Name', 'Date of birth', 'Email'],
    type: 'date',
    reading: 'ambiguous',
    note: '85 is 1985 to people, 2085 to yy',
  },
  [
    ['23/04/85', '1985-04-23'],
    ['12/03/79', '1979-03-12'],
    ['30/11/92', '1992-11-30'],
    ['05/07/68', '1968-07-05'],
  ],
);
// Month names in seven languages.
const named = (id: string, lang: string, layout: string, header: string, headers: string[], write: (t: D) => string) =>
  add(
    { id, source: S.cldr(lang, layout), header, headers, type: 'date', reading: 'decided' },
    times(30, () => {
      const t = randomDate(1960, 2024);
      return [write(t), isoDate(t)];
    }),
  );
named('en-long', 'English', 'MMMM d, yyyy', 'Order Date', ['Order ID', 'Order Date', 'Customer', 'Total'], (t) => `${EN_FULL[t.m - 1]} ${t.d}, ${t.y}`);
named(
  'de-long',
  'German',
  'd. MMMM yyyy',
  'Geburtsdatum',
  ['Vorname', 'Nachname', 'Geburtsdatum', 'Straße', 'PLZ', 'Ort'],
  (t) => `${t.d}. ${DE_FULL[t.m - 1]} ${t.y}`,
);
named('fr-long', 'French', 'd MMMM yyyy', 'Date de naissance', ['Nom', 'Prénom', 'Date de naissance', 'Ville'], (t) => `${t.d} ${FR_FULL[t.m - 1]} ${t.y}`);
named(
  'fr-short',
  'French',
  'dd MMM yyyy',
  'Date de commande',
  ['Commande', 'Date de commande', 'Client', 'Montant'],
  (t) => `${p2(t.d)} ${FR_SHORT[t.m - 1]} ${t.y}`,
);
named(
  'es-long',
  'Spanish',
  "d 'de' MMMM 'de' yyyy",
  'Fecha de nacimiento',
  ['Nombre', 'Apellidos', 'Fecha de nacimiento', 'Ciudad'],
  (t) => `${t.d} de ${ES_FULL[t.m - 1]} de ${t.y}`,
);
named('it-long', 'Italian', 'd MMMM yyyy', 'Data di nascita', ['Nome', 'Cognome', 'Data di nascita', 'Città'], (t) => `${t.d} ${IT_FULL[t.m - 1]} ${t.y}`);
named(
  'nl-short',
  'Dutch',
  'd MMM yyyy',
  'Geboortedatum',
  ['Voornaam', 'Achternaam', 'Geboortedatum', 'Woonplaats'],
  (t) => `${t.d} ${NL_SHORT[t.m - 1]} ${t.y}`,
);
named(
  'pt-long',
  'Portuguese',
  "d 'de' MMMM 'de' yyyy",
  'Data de nascimento',
  ['Nome', 'Sobrenome', 'Data de nascimento', 'Cidade'],
  (t) => `${t.d} de ${PT_FULL[t.m - 1]} de ${t.y}`,
);
named(
  'oracle-upper',
  'English',
  'DD-MON-YYYY as Oracle writes it, upper case',
  'HIRE_DATE',
  ['EMPLOYEE_ID', 'LAST_NAME', 'HIRE_DATE', 'SALARY'],
  (t) => `${p2(t.d)}-${EN[t.m - 1]!.toUpperCase()}-${t.y}`,
);
// Unix time.
add(
  {
    id: 'epoch-seconds',
    source: 'Reddit and Pushshift dumps (created_utc) and API exports: Unix time in seconds',
    header: 'created_utc',
    headers: ['id', 'author', 'created_utc', 'score'],
    type: 'date-time',
    reading: 'decided',
  },
  times(30, () => {
    const s = int(1420070400, 1735689600);
    return [String(s), isoAt({ y: 1970, m: 1, d: 1, h: 0, mi: 0, s, ms: 0 })];
  }),
);
add(
  {
    id: 'epoch-millis',
    source: 'Facebook and Instagram data downloads (timestamp_ms): Unix time in milliseconds',
    header: 'timestamp_ms',
    headers: ['sender_name', 'timestamp_ms', 'content'],
    type: 'date-time',
    reading: 'decided',
  },
  times(30, () => {
    const ms = int(1420070400, 1735689600) * 1000 + int(0, 999);
    return [String(ms), new Date(ms).toISOString().replace('.000Z', 'Z')];
  }),
);
add(
  {
    id: 'epoch-slack-ts',
    source: 'Slack export message ts: seconds with microseconds',
    header: 'ts',
    headers: ['type', 'user', 'text', 'ts'],
    type: 'date-time',
    reading: 'decided',
  },
  times(30, () => {
    const s = int(1577836800, 1735689600);
    const micro = int(0, 999999);
    const ms = Math.trunc((s + micro / 1e6) * 1000);
    return [`${s}.${String(micro).padStart(6, '0')}`, new Date(ms).toISOString().replace('.000Z', 'Z')];
  }),
);

// --- Numbers ---------------------------------------------------------------------------------
const cents = (n: number) => Math.round(n * 100) / 100;
const grouped = (n: number, sep: string) => String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
const de = (n: number, group = '') => `${n < 0 ? '-' : ''}${group ? grouped(n, group) : Math.trunc(Math.abs(n))},${p2(Math.round(Math.abs(n) * 100) % 100)}`;
const en = (n: number, group = '') => `${n < 0 ? '-' : ''}${group ? grouped(n, group) : Math.trunc(Math.abs(n))}.${p2(Math.round(Math.abs(n) * 100) % 100)}`;
const amounts = (n: number, lo: number, hi: number) => times(n, () => cents(lo + rand() * (hi - lo)));
const numCol = (c: Omit<Column, 'expect' | 'cells' | 'type'> & { type?: Column['type'] }, values: number[], write: (n: number) => string) =>
  add(
    { type: 'number', ...c },
    values.map((v) => [write(v), v]),
  );

numCol({ id: 'shopify-total', source: S.ra02, header: 'Total', headers: H.ra02, reading: 'decided' }, amounts(30, 0, 900), (n) => en(n));
numCol({ id: 'stripe-amount', source: S.ra08, header: 'Amount', headers: H.ra08, reading: 'decided' }, amounts(30, 10, 800), (n) => en(n));
numCol({ id: 'olist-price', source: S.ra14, header: 'price', headers: H.ra14, reading: 'decided' }, amounts(30, 5, 400), (n) => en(n));
numCol({ id: 'fr-cotisation-euro', source: S.ra11, header: 'cotisation', headers: H.ra11, reading: 'decided' }, amounts(30, 10, 200), (n) => `${en(n)} €`);
numCol(
  { id: 'sparkasse-betrag', source: S.rp('sparkasse-lzo-camt-v8.csv'), header: 'Betrag', headers: H.sparkasse, reading: 'decided' },
  amounts(30, -2500, 800),
  (n) => de(n),
);
numCol(
  { id: 'gls-saldo', source: S.rp('gls-bank.csv'), header: 'Saldo nach Buchung', headers: H.gls, reading: 'decided', note: 'trailing zeros dropped: 28948,7' },
  amounts(30, 20000, 30000),
  (n) =>
    de(n)
      .replace(/,(\d)0$/, ',$1')
      .replace(/,00$/, ''),
);
numCol({ id: 'paypal-brutto', source: S.rp('paypal.csv'), header: 'Brutto', headers: H.paypal, reading: 'decided' }, amounts(30, -150, 150), (n) => de(n));
numCol({ id: 'dkb-betrag-grouped', source: S.rp('dkb.csv'), header: 'Betrag (€)', headers: H.dkb, reading: 'decided' }, amounts(30, -4000, 4000), (n) =>
  de(n, '.'),
);
numCol(
  { id: 'dkb-kontostand-euro', source: S.rp('dkb.csv'), header: 'Kontostand', headers: H.dkb, reading: 'decided', note: 'amount, no-break space, euro sign' },
  amounts(30, 1000, 9000),
  (n) => `${de(n, '.')}\u00a0€`,
);
numCol(
  { id: 'commerzbank-betrag', source: S.rp('commerzbank.csv'), header: 'Betrag', headers: H.commerz, reading: 'decided', note: 'trailing zeros dropped' },
  amounts(30, -300, 50),
  (n) =>
    de(n)
      .replace(/,(\d)0$/, ',$1')
      .replace(/,00$/, ''),
);
numCol(
  {
    id: 'targobank-point',
    source: S.rp('targobank-duesseldorf-variation.csv'),
    header: 'Betrag',
    headers: H.commerz,
    reading: 'decided',
    note: 'a German file writing decimal points',
  },
  amounts(30, -400, 100),
  (n) => en(n),
);
numCol(
  {
    id: 'fr-montant-nnbsp',
    source: 'French spreadsheet export: thousands grouped by a narrow no-break space (fr-FR number format)',
    header: 'Montant',
    headers: ['Date', 'Libellé', 'Montant', 'Solde'],
    reading: 'decided',
  },
  amounts(30, 100, 90000),
  (n) => de(n, '\u202f'),
);
numCol(
  {
    id: 'ch-apostrophe',
    source: "Swiss bank export (de-CH number format: 1'234.50)",
    header: 'Betrag',
    headers: ['Datum', 'Buchungstext', 'Betrag', 'Saldo'],
    reading: 'decided',
  },
  amounts(30, 1000, 90000),
  (n) => en(n, "'"),
);
numCol(
  { id: 'us-dollar-grouped', source: 'US card statement export ($1,234.56)', header: 'Amount', headers: H.bankEn, reading: 'decided' },
  amounts(30, 1000, 9000),
  (n) => `$${en(n, ',')}`,
);
numCol(
  {
    id: 'br-real',
    source: `${S.ff('br/itau/default.json', 'd/m/Y')}; amounts as Brazilian exports write them (R$ 1.234,56)`,
    header: 'Valor',
    headers: ['Data', 'Lançamento', 'Valor', 'Saldo'],
    reading: 'decided',
  },
  amounts(30, 1000, 9000),
  (n) => `R$ ${de(n, '.')}`,
);
add(
  {
    id: 'tax-percent',
    source: 'shop export tax rates (19%, 7%, 5,5 % as French shops write them)',
    header: 'Taux TVA',
    headers: ['Produit', 'Prix', 'Taux TVA'],
    type: 'number',
    reading: 'decided',
  },
  [
    ...times(10, () => ['20 %', 20] as [string, Expected]),
    ...times(10, () => ['5,5 %', 5.5] as [string, Expected]),
    ...times(10, () => ['10 %', 10] as [string, Expected]),
  ],
);
add(
  {
    id: 'thousands-only',
    source: 'German inventory export: whole quantities with thousands dots only',
    header: 'Menge',
    headers: ['Artikel', 'Bezeichnung', 'Menge', 'Lager'],
    type: 'number',
    reading: 'ambiguous',
    note: '1.250 is 1250 or 1.25',
  },
  [
    ['1.250', 1250],
    ['2.000', 2000],
    ['3.500', 3500],
    ['1.125', 1125],
    ['', null],
  ],
);
numCol(
  {
    id: 'qty-integer-grouped',
    source: 'English sales export with grouped whole numbers (12,500)',
    header: 'Units',
    type: 'int',
    headers: ['Region', 'Product', 'Units', 'Revenue'],
    reading: 'decided',
  },
  [...times(28, () => int(1000, 9000000)), 12, 999],
  (n) => grouped(n, ','),
);

// --- Flags -----------------------------------------------------------------------------------
const flagCol = (id: string, source: string, header: string, headers: string[], t: string, f: string, n = 30, blanks = 0) =>
  add(
    { id, source, header, headers, type: 'boolean', reading: 'decided' },
    times(n, (i) => (i < blanks ? (['', null] as [string, Expected]) : rand() < 0.5 ? [t, true] : [f, false])),
  );
flagCol('shopify-accepts-marketing', S.ra02, 'Accepts Marketing', H.ra02, 'yes', 'no');
flagCol('shopify-requires-shipping', S.ra02, 'Lineitem requires shipping', H.ra02, 'true', 'false');
flagCol('salesforce-isdeleted', S.ra06, 'IsDeleted', H.ra06, 'true', 'false');
flagCol('wave-capitalised', S.ra09, 'shipping_address', ['customer_name', 'email', 'shipping_address'], 'True', 'False');
flagCol('excel-upper', 'Excel CSV export of a checkbox column (TRUE/FALSE)', 'Opted In', ['Email', 'Opted In'], 'TRUE', 'FALSE');
flagCol('y-n', 'CRM export (Y/N)', 'Do Not Call', ['Contact', 'Phone', 'Do Not Call'], 'Y', 'N');
flagCol('one-zero', 'Magento customer fixture disable_auto_group_change and similar 1/0 columns', 'is_subscribed', ['email', 'is_subscribed'], '1', '0');
flagCol('fr-oui-non', S.ra11, 'Droit_image', H.ra11, 'Oui', 'Non');
flagCol('de-ja-nein', 'German CRM export (Ja/Nein)', 'Newsletter', ['Vorname', 'Nachname', 'E-Mail', 'Newsletter'], 'Ja', 'Nein');
flagCol('es-si-no', 'Spanish shop export (Sí/No)', 'Acepta publicidad', ['Nombre', 'Correo', 'Acepta publicidad'], 'Sí', 'No');
add(
  {
    id: 'x-blank',
    source: 'spreadsheet checklist export: a mark or nothing',
    header: 'Newsletter',
    headers: ['Name', 'Email', 'Newsletter'],
    type: 'boolean',
    reading: 'decided',
    note: 'a blank cell is false',
  },
  times(30, () => (rand() < 0.4 ? ['x', true] : ['', false])),
);

writeFileSync(
  join(import.meta.dirname, 'corpus.json'),
  `${JSON.stringify({ note: 'Value readings corpus: see SOURCES.md. Written by build-corpus.ts; grade with npx tsx bench/values/grade.ts bench/values/corpus.json', columns }, null, 1)}\n`,
);
console.log(`${columns.length} columns, ${columns.reduce((n, c) => n + c.cells.length, 0)} cells`);
