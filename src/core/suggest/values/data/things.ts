/** What values about money, products and companies look like (folded where noted). */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** ISO 4217 codes in everyday use. */
export const CURRENCIES: ReadonlySet<string> = words(`
USD EUR GBP JPY CNY CHF CAD AUD NZD SEK NOK DKK PLN CZK HUF RON BGN HRK RUB TRY ILS AED SAR INR PKR BDT SGD HKD KRW TWD THB VND
MYR IDR PHP BRL MXN ARS CLP COP PEN ZAR EGP NGN KES MAD UAH ISK BSD QAR KWD`);

/** ISO 639-1 language codes. */
export const LANGUAGE_CODES: ReadonlySet<string> = words(`
en de fr es it nl pt sv no nb nn da fi pl cs sk hu ro bg hr sl sr el tr ru uk ar he fa hi bn ur zh ja ko th vi id ms tl ca eu gl
ga cy is et lv lt mt sq mk bs`);

/** Language names (folded) as exports write them, in the seven languages. */
export const LANGUAGE_NAMES: ReadonlySet<string> = words(`
english german french spanish italian dutch portuguese swedish norwegian danish finnish polish czech russian turkish arabic
chinese japanese korean hindi greek hungarian romanian
englisch deutsch franzosisch spanisch italienisch niederlandisch portugiesisch
anglais allemand francais espagnol italien neerlandais portugais
ingles aleman frances espanol italiano holandes portugues castellano
inglese tedesco francese spagnolo olandese portoghese
engels duits frans spaans italiaans nederlands portugees
alemao espanhol`);

/** Colour words (folded), in the seven languages. */
export const COLOURS: ReadonlySet<string> = words(`
black white red blue green yellow orange purple pink brown grey gray beige navy silver gold cream ivory khaki olive teal turquoise
maroon burgundy charcoal tan multi multicolor multicolour lavender mint coral
schwarz weiss rot blau grun gelb lila rosa braun grau silber
noir blanc rouge bleu vert jaune violet rose marron gris argent
negro blanco rojo azul verde amarillo naranja morado rosa marron gris plata
nero bianco rosso blu azzurro verde giallo arancione viola rosa marrone grigio argento
zwart wit rood blauw groen geel oranje paars roze bruin grijs zilver
preto branco vermelho azul verde amarelo laranja roxo rosa marrom cinza prata`);

/** Clothing and shoe sizes. */
export const SIZES: ReadonlySet<string> = words(`
xxxs xxs xs s m l xl xxl xxxl 2xl 3xl 4xl 5xl small medium large petite tall os onesize
s/m m/l l/xl xs/s
klein mittel gross petit moyen grand pequeno mediano grande piccolo medio`);

/** Words that end (or contain) a company's name: legal forms in the seven languages. */
export const COMPANY_WORDS: ReadonlySet<string> = words(`
inc incorporated llc ltd limited corp corporation co company plc llp lp pty pte
gmbh ag kg ohg ug ev gbr mbh
sa sas sarl sasu eurl sci snc
sl slu sa sociedad
srl spa sapa snc sas srls
bv nv vof cv
lda ltda sa me eireli
group holding holdings industries international enterprises solutions services systems technologies partners associates`);

/** Words that say a value is free text about a thing (HTML or sentences), not a name or code. */
export const HTML_TAG = /<\/?[a-z][a-z0-9]*[^>]*>/i;
