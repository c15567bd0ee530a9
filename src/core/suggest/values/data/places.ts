/** Countries, states, streets and postal codes, as values are written (folded where noted). */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

export const ISO2: ReadonlySet<string> = words(`
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF
CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI
GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO
NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK`);

export const ISO3: ReadonlySet<string> = words(`
USA GBR DEU FRA ESP ITA NLD BEL CHE AUT CAN AUS NZL IRL PRT POL SWE NOR DNK FIN JPN CHN IND BRA MEX ARG CHL COL PER ZAF SGP
HKG KOR TWN RUS TUR ISR ARE SAU EGY NGA KEN CZE HUN ROU GRC BGR HRV SVK SVN LUX ISL EST LVA LTU UKR THA VNM MYS IDN PHL PAK
BGD MAR TUN DZA VEN ECU URY PRY BOL CRI PAN CUB PRI`);

/** Country names (folded) in English, German, French, Spanish, Italian, Dutch and Portuguese. */
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(
  [
    'united states|united states of america|usa|us|u s a|america|estados unidos|etats unis|vereinigte staaten|stati uniti|verenigde staten',
    'united kingdom|uk|great britain|britain|england|scotland|wales|northern ireland|reino unido|royaume uni|vereinigtes konigreich|grossbritannien|regno unito|verenigd koninkrijk|gran bretana',
    'germany|deutschland|allemagne|alemania|germania|duitsland|alemanha',
    'france|frankreich|francia|frankrijk|franca',
    'spain|espana|espagne|spanien|spagna|spanje|espanha',
    'italy|italia|italie|italien|italie|italia|italie',
    'netherlands|the netherlands|nederland|holland|pays bas|paises bajos|niederlande|paesi bassi|paises baixos|holanda',
    'belgium|belgique|belgie|belgien|belgica|belgio',
    'switzerland|suisse|schweiz|svizzera|suiza|zwitserland|suica',
    'austria|osterreich|autriche|oostenrijk',
    'portugal|portogallo',
    'ireland|irlanda|irlande|irland|ierland',
    'luxembourg|luxemburg|luxemburgo|lussemburgo',
    'denmark|danmark|danemark|dinamarca|danimarca|denemarken|danemark|dänemark',
    'sweden|sverige|suede|schweden|suecia|svezia|zweden',
    'norway|norge|norvege|norwegen|noruega|norvegia|noorwegen',
    'finland|suomi|finlande|finnland|finlandia|finlandia',
    'iceland|islande|island|islandia|islanda|ijsland',
    'poland|polska|pologne|polen|polonia|polonia',
    'czech republic|czechia|tschechien|republique tcheque|republica checa|repubblica ceca|tsjechie|chequia',
    'slovakia|slowakei|slovaquie|eslovaquia',
    'hungary|ungarn|hongrie|hungria|ungheria|hongarije',
    'romania|rumanien|roumanie|rumania|roemenie',
    'bulgaria|bulgarien|bulgarie',
    'greece|griechenland|grece|grecia|griekenland',
    'croatia|kroatien|croatie|croacia|croazia|kroatie',
    'slovenia|slowenien|slovenie|eslovenia',
    'serbia|serbien|serbie',
    'estonia|estland|estonie',
    'latvia|lettland|lettonie|letonia',
    'lithuania|litauen|lituanie|lituania',
    'ukraine|ucrania|ucraina|oekraine',
    'russia|russland|russie|rusia|russia|rusland|russia',
    'turkey|turkiye|turkei|turquie|turquia|turchia|turkije',
    'israel|israele',
    'canada|kanada|canada',
    'mexico|mexiko|mexique|messico',
    'brazil|brasil|bresil|brasilien|brasile|brazilie',
    'argentina|argentinien|argentine|argentinie',
    'chile|chili|cile',
    'colombia|kolumbien|colombie|colombia',
    'peru|perou',
    'venezuela',
    'ecuador|equateur',
    'uruguay',
    'paraguay',
    'bolivia|bolivie|bolivien',
    'costa rica',
    'panama',
    'cuba|kuba',
    'puerto rico',
    'dominican republic|republica dominicana',
    'guatemala',
    'australia|australien|australie|australie',
    'new zealand|neuseeland|nouvelle zelande|nueva zelanda|nuova zelanda|nieuw zeeland|nova zelandia',
    'japan|japon|giappone|japao',
    'china|chine|cina',
    'india|indien|inde',
    'south korea|korea|sudkorea|coree du sud|corea del sur|corea del sud|zuid korea|coreia do sul',
    'taiwan',
    'hong kong',
    'singapore|singapur|singapour|singapura',
    'thailand|thailande|tailandia',
    'vietnam|viet nam',
    'malaysia|malaisie|malasia',
    'indonesia|indonesien|indonesie',
    'philippines|philippinen|filipinas|filippine',
    'pakistan',
    'bangladesh',
    'south africa|sudafrika|afrique du sud|sudafrica|zuid afrika|africa do sul',
    'egypt|agypten|egypte|egipto|egitto',
    'morocco|maroc|marokko|marruecos|marocco|marrocos',
    'tunisia|tunisie|tunesien|tunez',
    'algeria|algerie|algerien|argelia',
    'nigeria',
    'kenya|kenia',
    'united arab emirates|uae|emirats arabes unis|emiratos arabes unidos|vereinigte arabische emirate',
    'saudi arabia|saudi arabien|arabie saoudite|arabia saudita|arabia saudi',
    'cayman islands|iles caimans|islas caiman',
    'fiji|fidji|fidschi',
    'bahamas',
  ].flatMap((line) => line.split('|')),
);

/** US states, Canadian provinces, Australian states and Brazilian federal units. */
export const STATE_CODES: ReadonlySet<string> = words(`
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX
UT VT VA WA WV WI WY DC PR
AB BC MB NB NL NS NT NU ON PE QC SK YT
NSW VIC QLD WA SA TAS ACT NT
AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO`);

/** The words (folded) that make a value a street line, in the seven languages and Nordic. */
export const STREET_WORDS: ReadonlySet<string> = words(`
street st road rd avenue ave av drive dr lane ln boulevard blvd way court ct place pl square sq terrace parkway pkwy highway hwy
circle cir trail close crescent row mews grove gardens walk hill park
strasse str weg gasse allee platz ring damm ufer chaussee pfad
rue chemin allee impasse quai route passage cours voie
calle avenida paseo plaza camino carrera ronda travesia
via viale piazza corso vicolo largo strada piazzale
rua travessa praca estrada rodovia alameda
straat laan plein gracht kade singel dijk steeg
gatan vagen gata vej gade`);

/** Endings of compound street names: `Lindenweg`, `Ahornstraße`, `Beukenlaan`, `Storgatan`. */
export const STREET_SUFFIXES: readonly string[] = ['strasse', 'weg', 'gasse', 'allee', 'platz', 'damm', 'laan', 'straat', 'gracht', 'plein', 'gatan', 'vagen'];

/** Postal codes by shape; each pattern names the countries that write them so. */
export const POSTAL_PATTERNS: readonly { re: RegExp; alpha: boolean }[] = [
  { re: /^\d{5}-\d{4}$/, alpha: false }, // US ZIP+4
  { re: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, alpha: true }, // UK
  { re: /^[A-Z]{1,2}\d{1,2}[A-Z]?$/i, alpha: true }, // UK outward code
  { re: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i, alpha: true }, // Canada
  { re: /^\d{4} ?[A-Z]{2}$/i, alpha: true }, // Netherlands
  { re: /^\d{5}-\d{3}$/, alpha: false }, // Brazil
  { re: /^\d{4}-\d{3}$/, alpha: false }, // Portugal
  { re: /^\d{2}-\d{3}$/, alpha: false }, // Poland
  { re: /^\d{3} ?\d{2}$/, alpha: false }, // Sweden, Czechia, Slovakia, Greece
  { re: /^[A-Z]\d{2} ?[A-Z\d]{4}$/i, alpha: true }, // Ireland (Eircode)
  { re: /^\d{4,6}$/, alpha: false }, // most of the world
  { re: /^\d{3}$/, alpha: false }, // a US ZIP whose leading zeros a spreadsheet dropped (00501 -> 501)
];
