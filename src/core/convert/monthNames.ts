/**
 * Month and weekday names as exports write them, per language: full names, the abbreviations
 * of each language's conventions (with or without their dot), and accent-less spellings that
 * ASCII-only systems produce (`fevrier`, `marco`). Matching is case-insensitive.
 */

/** Languages whose month and day names a date pattern can read. English is Data Prep's own. */
export type DateLanguage = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt';
export const DATE_LANGUAGES: readonly DateLanguage[] = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt'];

export const LANGUAGE_NAMES: Record<DateLanguage, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  it: 'Italian',
  nl: 'Dutch',
  pt: 'Portuguese',
};

/** Per month (January first): every spelling, the full name first. */
const MONTHS: Record<DateLanguage, readonly (readonly string[])[]> = {
  en: [
    ['january', 'jan'],
    ['february', 'feb'],
    ['march', 'mar'],
    ['april', 'apr'],
    ['may'],
    ['june', 'jun'],
    ['july', 'jul'],
    ['august', 'aug'],
    ['september', 'sep', 'sept'],
    ['october', 'oct'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
  de: [
    ['januar', 'jan', 'jänner', 'jän'],
    ['februar', 'feb'],
    ['märz', 'mär', 'maerz', 'mrz'],
    ['april', 'apr'],
    ['mai'],
    ['juni', 'jun'],
    ['juli', 'jul'],
    ['august', 'aug'],
    ['september', 'sep', 'sept'],
    ['oktober', 'okt'],
    ['november', 'nov'],
    ['dezember', 'dez'],
  ],
  fr: [
    ['janvier', 'janv', 'jan'],
    ['février', 'févr', 'fevrier', 'fevr', 'fév', 'fev'],
    ['mars', 'mar'],
    ['avril', 'avr'],
    ['mai'],
    ['juin'],
    ['juillet', 'juil'],
    ['août', 'aout', 'aoû'],
    ['septembre', 'sept', 'sep'],
    ['octobre', 'oct'],
    ['novembre', 'nov'],
    ['décembre', 'déc', 'decembre', 'dec'],
  ],
  es: [
    ['enero', 'ene'],
    ['febrero', 'feb'],
    ['marzo', 'mar'],
    ['abril', 'abr'],
    ['mayo', 'may'],
    ['junio', 'jun'],
    ['julio', 'jul'],
    ['agosto', 'ago'],
    ['septiembre', 'setiembre', 'sept', 'sep', 'set'],
    ['octubre', 'oct'],
    ['noviembre', 'nov'],
    ['diciembre', 'dic'],
  ],
  it: [
    ['gennaio', 'gen'],
    ['febbraio', 'feb'],
    ['marzo', 'mar'],
    ['aprile', 'apr'],
    ['maggio', 'mag'],
    ['giugno', 'giu'],
    ['luglio', 'lug'],
    ['agosto', 'ago'],
    ['settembre', 'set'],
    ['ottobre', 'ott'],
    ['novembre', 'nov'],
    ['dicembre', 'dic'],
  ],
  nl: [
    ['januari', 'jan'],
    ['februari', 'feb'],
    ['maart', 'mrt', 'mar'],
    ['april', 'apr'],
    ['mei'],
    ['juni', 'jun'],
    ['juli', 'jul'],
    ['augustus', 'aug'],
    ['september', 'sep', 'sept'],
    ['oktober', 'okt'],
    ['november', 'nov'],
    ['december', 'dec'],
  ],
  pt: [
    ['janeiro', 'jan'],
    ['fevereiro', 'fev'],
    ['março', 'marco', 'mar'],
    ['abril', 'abr'],
    ['maio', 'mai'],
    ['junho', 'jun'],
    ['julho', 'jul'],
    ['agosto', 'ago'],
    ['setembro', 'set'],
    ['outubro', 'out'],
    ['novembro', 'nov'],
    ['dezembro', 'dez'],
  ],
};

/** Per weekday (Monday first): every spelling, the full name first. */
const DAYS: Record<DateLanguage, readonly (readonly string[])[]> = {
  en: [
    ['monday', 'mon'],
    ['tuesday', 'tue', 'tues'],
    ['wednesday', 'wed'],
    ['thursday', 'thu', 'thur', 'thurs'],
    ['friday', 'fri'],
    ['saturday', 'sat'],
    ['sunday', 'sun'],
  ],
  de: [
    ['montag', 'mo', 'mon'],
    ['dienstag', 'di', 'die'],
    ['mittwoch', 'mi', 'mit'],
    ['donnerstag', 'do', 'don'],
    ['freitag', 'fr', 'fre'],
    ['samstag', 'sa', 'sam', 'sonnabend'],
    ['sonntag', 'so', 'son'],
  ],
  fr: [
    ['lundi', 'lun'],
    ['mardi', 'mar'],
    ['mercredi', 'mer'],
    ['jeudi', 'jeu'],
    ['vendredi', 'ven'],
    ['samedi', 'sam'],
    ['dimanche', 'dim'],
  ],
  es: [
    ['lunes', 'lun'],
    ['martes', 'mar'],
    ['miércoles', 'miercoles', 'mié', 'mie'],
    ['jueves', 'jue'],
    ['viernes', 'vie'],
    ['sábado', 'sabado', 'sáb', 'sab'],
    ['domingo', 'dom'],
  ],
  it: [
    ['lunedì', 'lunedi', 'lun'],
    ['martedì', 'martedi', 'mar'],
    ['mercoledì', 'mercoledi', 'mer'],
    ['giovedì', 'giovedi', 'gio'],
    ['venerdì', 'venerdi', 'ven'],
    ['sabato', 'sab'],
    ['domenica', 'dom'],
  ],
  nl: [
    ['maandag', 'ma'],
    ['dinsdag', 'di'],
    ['woensdag', 'wo'],
    ['donderdag', 'do'],
    ['vrijdag', 'vr'],
    ['zaterdag', 'za'],
    ['zondag', 'zo'],
  ],
  pt: [
    ['segunda-feira', 'segunda', 'seg'],
    ['terça-feira', 'terca-feira', 'terça', 'terca', 'ter'],
    ['quarta-feira', 'quarta', 'qua'],
    ['quinta-feira', 'quinta', 'qui'],
    ['sexta-feira', 'sexta', 'sex'],
    ['sábado', 'sabado', 'sáb', 'sab'],
    ['domingo', 'dom'],
  ],
};

/** Strips a trailing abbreviation dot and folds case. */
const fold = (word: string): string => (word.endsWith('.') ? word.slice(0, -1) : word).toLowerCase();

const monthIndex = new Map<DateLanguage, Map<string, number>>();
const dayIndex = new Map<DateLanguage, Map<string, number>>();

function indexOf(table: Record<DateLanguage, readonly (readonly string[])[]>, cache: Map<DateLanguage, Map<string, number>>, lang: DateLanguage) {
  let m = cache.get(lang);
  if (!m) {
    m = new Map();
    table[lang].forEach((names, i) => {
      for (const n of names) if (!m!.has(n)) m!.set(n, i + 1);
    });
    cache.set(lang, m);
  }
  return m;
}

/** Month number (1..12) of a name in a language (`März`, `mars`, `Sept.`), or 0. */
export function monthOf(word: string, lang: DateLanguage): number {
  return indexOf(MONTHS, monthIndex, lang).get(fold(word)) ?? 0;
}

/** Whether a name is a month's full name (`März`, `mars`) rather than an abbreviation, in a language. */
export function isFullMonthName(word: string, lang: DateLanguage): boolean {
  const n = monthOf(word, lang);
  return n > 0 && MONTHS[lang][n - 1]![0] === fold(word) && !word.endsWith('.');
}

/** Whether a weekday name is a full name in a language. */
export function isFullDayName(word: string, lang: DateLanguage): boolean {
  const n = weekdayOf(word, lang);
  return n > 0 && DAYS[lang][n - 1]![0] === fold(word) && !word.endsWith('.');
}

/** ISO weekday (1 = Monday .. 7) of a name in a language, or 0. */
export function weekdayOf(word: string, lang: DateLanguage): number {
  return indexOf(DAYS, dayIndex, lang).get(fold(word)) ?? 0;
}

/** Whether a month or day name is written as Java writes English ones (`Mar`, `March`, `Tue`): Data Prep reads it without help. */
export function isJavaEnglishName(word: string, kind: 'month' | 'day'): boolean {
  const n = kind === 'month' ? monthOf(word, 'en') : weekdayOf(word, 'en');
  if (!n || word.endsWith('.')) return false;
  const [full] = (kind === 'month' ? MONTHS : DAYS).en[n - 1]!;
  const title = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  return word === title(full!) || word === title(full!.slice(0, 3));
}

/** The languages in which a word names a month: `mars` is French, `März` German, `mar` several. */
export function monthLanguages(word: string): DateLanguage[] {
  return DATE_LANGUAGES.filter((l) => monthOf(word, l) > 0);
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Every spelling of a language's months (and, when `days` is not null, weekdays), lower case
 * and longest first, with the English name Java reads in its place (full or three letters, as
 * the pattern's `MMMM`/`MMM` and `EEEE`/`EEE` ask): the AEP export turns a localised date into
 * one Data Prep's English patterns read. Longest first, so that `mars` goes before `mar`; the
 * English names start with a capital, so a later lower-case spelling never matches inside one.
 * A weekday spelling that is also a month's (French `mar`) is left to the month.
 */
export function englishNamesFor(lang: DateLanguage, fullMonths: boolean, fullDays: boolean | null): { spelling: string; replacement: string }[] {
  const out: { spelling: string; replacement: string }[] = [];
  const months = new Set<string>();
  MONTHS[lang].forEach((names, i) => {
    const replacement = fullMonths ? EN_MONTHS[i]! : EN_MONTHS[i]!.slice(0, 3);
    for (const n of names) {
      months.add(n);
      out.push({ spelling: `${n}.`, replacement }, { spelling: n, replacement });
    }
  });
  if (fullDays !== null)
    DAYS[lang].forEach((names, i) => {
      const replacement = fullDays ? EN_DAYS[i]! : EN_DAYS[i]!.slice(0, 3);
      for (const n of names) if (!months.has(n)) out.push({ spelling: `${n}.`, replacement }, { spelling: n, replacement });
    });
  return out.sort((a, b) => b.spelling.length - a.spelling.length || (a.spelling < b.spelling ? -1 : 1));
}
