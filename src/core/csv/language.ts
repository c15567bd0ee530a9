/**
 * The language a file's headers are written in, from words that headers of each language use
 * (`Geburtsdatum`, `Prénom`, `Fecha`). It is a hint for readings the values cannot settle, and
 * shown as one; it never decides a reading by itself.
 */
import type { DateLanguage } from '../convert/monthNames';

const WORDS: Record<DateLanguage, string> = {
  en: 'name first last date birth birthday address city country phone price amount quantity qty order customer created updated total street zip state email paid shipping billing company gender title',
  de: 'datum geburtsdatum geburtstag vorname nachname strasse hausnummer plz ort stadt land telefon preis betrag menge anzahl kunde kunden kundennummer bestellung rechnung geschlecht anrede firma erstellt geandert summe netto brutto wahrung gultig zahlung lieferung',
  fr: 'prenom nom naissance adresse ville pays telephone prix montant quantite commande client sexe civilite societe debut fin duree cotisation adherent courriel inscription tarif livraison',
  es: 'nombre apellido apellidos fecha nacimiento direccion ciudad pais telefono precio importe cantidad pedido cliente sexo empresa correo provincia codigo alta envio',
  it: 'nome cognome data nascita indirizzo citta paese telefono prezzo importo quantita ordine cliente sesso azienda provincia cap iscrizione spedizione',
  nl: 'naam voornaam achternaam datum geboortedatum adres straat huisnummer plaats woonplaats land telefoonnummer telefoon prijs bedrag aantal bestelling klant geslacht bedrijf postcode',
  pt: 'nome sobrenome data nascimento endereco cidade pais telefone preco valor quantidade pedido cliente sexo empresa estado cep produto cadastro',
};

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
const INDEX = new Map<string, DateLanguage[]>();
for (const [lang, words] of Object.entries(WORDS) as [DateLanguage, string][]) for (const w of words.split(' ')) INDEX.set(w, [...(INDEX.get(w) ?? []), lang]);

/** Words of a header: `Date_Debut` -> date, debut; `GeburtsDatum` -> geburts, datum, geburtsdatum. */
function words(header: string): string[] {
  const parts = header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .map(fold);
  return [...parts, fold(header.replace(/[^\p{L}]+/gu, ''))];
}

/**
 * The language most headers are written in, when it stands out: at least two header words of
 * it, more than of any other language. Null when the headers do not say.
 */
export function headerLanguage(headers: readonly string[]): { language: DateLanguage; words: string[] } | null {
  const hits = new Map<DateLanguage, Set<string>>();
  for (const h of headers) for (const w of new Set(words(h))) for (const lang of INDEX.get(w) ?? []) hits.set(lang, (hits.get(lang) ?? new Set()).add(w));
  const ranked = [...hits].sort((a, b) => b[1].size - a[1].size);
  const [top, next] = ranked;
  if (!top || top[1].size < 2 || (next && next[1].size >= top[1].size)) return null;
  return { language: top[0], words: [...top[1]] };
}
