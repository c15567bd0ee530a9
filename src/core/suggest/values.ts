import { compileDatePattern } from '../convert/dates';
import type { ColumnProfile } from '../csv/profile';
import { fold } from './normalize';

/** What a column's values say about its meaning, independent of its header. */
export type ValueConcept =
  | 'day-month'
  | 'email'
  | 'phone'
  | 'url'
  | 'uuid'
  | 'birth-date'
  | 'country-code'
  | 'country-name'
  | 'currency'
  | 'gender'
  | 'tier'
  | 'courtesy-title'
  | 'boolean';

const ISO2 =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK';
const ISO2_SET = new Set(ISO2.split(' '));
const ISO3_SET = new Set(
  'USA GBR DEU FRA ESP ITA NLD BEL CHE AUT CAN AUS NZL IRL PRT POL SWE NOR DNK FIN JPN CHN IND BRA MEX ARG CHL COL ZAF SGP HKG KOR TWN RUS TUR ISR ARE SAU EGY NGA KEN CZE HUN ROU GRC BGR HRV SVK SVN LUX ISL EST LVA LTU UKR THA VNM MYS IDN PHL PAK BGD'.split(
    ' ',
  ),
);
const COUNTRY_NAMES = new Set([
  'united states',
  'united states of america',
  'usa',
  'us',
  'america',
  'united kingdom',
  'uk',
  'great britain',
  'england',
  'scotland',
  'wales',
  'germany',
  'deutschland',
  'allemagne',
  'alemania',
  'france',
  'francia',
  'frankreich',
  'spain',
  'espana',
  'espagne',
  'spanien',
  'italy',
  'italia',
  'italie',
  'italien',
  'netherlands',
  'the netherlands',
  'nederland',
  'holland',
  'pays bas',
  'belgium',
  'belgique',
  'belgie',
  'belgien',
  'switzerland',
  'suisse',
  'schweiz',
  'svizzera',
  'austria',
  'osterreich',
  'autriche',
  'canada',
  'australia',
  'new zealand',
  'ireland',
  'portugal',
  'poland',
  'polska',
  'sweden',
  'sverige',
  'norway',
  'norge',
  'denmark',
  'danmark',
  'finland',
  'suomi',
  'japan',
  'china',
  'india',
  'brazil',
  'brasil',
  'mexico',
  'argentina',
  'chile',
  'colombia',
  'peru',
  'south africa',
  'singapore',
  'hong kong',
  'south korea',
  'korea',
  'taiwan',
  'russia',
  'turkey',
  'turkiye',
  'israel',
  'united arab emirates',
  'uae',
  'saudi arabia',
  'egypt',
  'nigeria',
  'kenya',
  'czech republic',
  'czechia',
  'hungary',
  'romania',
  'greece',
  'bulgaria',
  'croatia',
  'slovakia',
  'slovenia',
  'luxembourg',
  'iceland',
  'estonia',
  'latvia',
  'lithuania',
  'ukraine',
  'thailand',
  'vietnam',
  'malaysia',
  'indonesia',
  'philippines',
  'pakistan',
  'bangladesh',
  'morocco',
  'maroc',
  'tunisia',
  'algeria',
  'venezuela',
  'ecuador',
  'uruguay',
  'paraguay',
  'bolivia',
  'costa rica',
  'panama',
  'cuba',
  'puerto rico',
]);
const CURRENCIES = new Set(
  'USD EUR GBP JPY CNY CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF RON BGN HRK RUB TRY ILS AED SAR INR PKR BDT SGD HKD KRW TWD THB VND MYR IDR PHP BRL MXN ARS CLP COP PEN ZAR EGP NGN KES MAD UAH ISK'.split(
    ' ',
  ),
);
const GENDERS = new Set([
  'male',
  'female',
  'm',
  'f',
  'w',
  'man',
  'woman',
  'men',
  'women',
  'other',
  'unknown',
  'non binary',
  'nonbinary',
  'non-binary',
  'diverse',
  'divers',
  'not specified',
  'not_specified',
  'non_specific',
  'homme',
  'femme',
  'mann',
  'frau',
  'mannlich',
  'weiblich',
  'hombre',
  'mujer',
  'masculino',
  'femenino',
  'masculin',
  'feminin',
  'maschio',
  'femmina',
]);
const TIERS = new Set([
  'platinum',
  'gold',
  'silver',
  'bronze',
  'diamond',
  'basic',
  'standard',
  'premium',
  'elite',
  'vip',
  'member',
  'classic',
  'plus',
  'titanium',
  'ruby',
  'emerald',
  'sapphire',
  'tier 1',
  'tier 2',
  'tier 3',
  'level 1',
  'level 2',
  'level 3',
  'blue',
  'red',
  'black',
]);
const COURTESY = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'mx',
  'sir',
  'madam',
  'dame',
  'lord',
  'herr',
  'frau',
  'mme',
  'mlle',
  'sr',
  'sra',
  'srta',
  'don',
  'dona',
  'rev',
  'fr',
]);

/** Share of values a concept must explain. */
const SHARE = 0.8;

const clean = (v: string) => fold(v.trim()).replace(/\.$/, '');

/** The concepts a column's sample values support, strongest first. */
export function valueConcepts(p: ColumnProfile, now: Date = new Date()): ValueConcept[] {
  const values = p.values;
  if (!values.length) return [];
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length;
  const out: ValueConcept[] = [];
  switch (p.kind) {
    case 'email':
      return ['email'];
    case 'phone':
      return ['phone'];
    case 'url':
      return ['url'];
    case 'uuid':
      return ['uuid'];
    case 'boolean':
      return ['boolean'];
    case 'date':
    case 'date-time':
      if (p.dateFormat && looksLikeBirthDates(values, p.dateFormat, now)) out.push('birth-date');
      return out;
  }
  if (share((v) => /^(\d{1,2})[/.-](\d{1,2})\.?$/.test(v.trim())) >= SHARE) out.push('day-month');
  if (
    share((v) => ISO2_SET.has(v.trim().toUpperCase()) && /^[A-Za-z]{2}$/.test(v.trim())) >= SHARE &&
    share((v) => v.trim() === v.trim().toUpperCase()) >= SHARE
  )
    out.push('country-code');
  else if (share((v) => ISO3_SET.has(v.trim()) && !CURRENCIES.has(v.trim())) >= SHARE) out.push('country-code');
  if (share((v) => COUNTRY_NAMES.has(clean(v))) >= SHARE) out.push('country-name');
  if (share((v) => CURRENCIES.has(v.trim().toUpperCase()) && /^[A-Za-z]{3}$/.test(v.trim())) >= SHARE) out.push('currency');
  if (share((v) => GENDERS.has(clean(v))) >= SHARE && values.some((v) => clean(v).length > 1)) out.push('gender');
  if (share((v) => TIERS.has(clean(v))) >= SHARE && p.distinct <= 12) out.push('tier');
  if (share((v) => COURTESY.has(clean(v))) >= SHARE) out.push('courtesy-title');
  return out;
}

/** Every date between 12 and 125 years ago: dates of birth, not of events. */
function looksLikeBirthDates(values: string[], format: string, now: Date): boolean {
  const p = compileDatePattern(format);
  if (!p.ok) return false;
  const year = now.getUTCFullYear();
  let ok = 0;
  for (const v of values) {
    const parts = p.value.parse(v.trim());
    if (parts && parts.year <= year - 12 && parts.year >= year - 125) ok++;
  }
  return ok / values.length >= 0.9;
}

/** Values that are courtesy titles (Mr, Ms, Dr…): a "Title" column of job titles is not one. */
export const isCourtesyTitle = (v: string): boolean => COURTESY.has(clean(v));

/** Human wording of a concept, for evidence. */
export const CONCEPT_LABEL: Record<ValueConcept, string> = {
  email: 'email addresses',
  phone: 'phone numbers',
  url: 'URLs',
  uuid: 'UUIDs',
  'birth-date': 'dates of birth (12 to 125 years ago)',
  'country-code': 'ISO country codes',
  'country-name': 'country names',
  currency: 'ISO 4217 currency codes',
  gender: 'genders',
  tier: 'loyalty tiers',
  'courtesy-title': 'courtesy titles (Mr, Ms, Dr)',
  boolean: 'yes/no values',
  'day-month': 'days of the year (MM/DD)',
};
