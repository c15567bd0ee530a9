/** What people's values look like: given names, titles, genders, job titles (all folded). */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/**
 * Common given names across English, German, French, Spanish, Italian, Dutch and Portuguese
 * speaking countries (and the international names exports are full of). A value whose first
 * word is one of these reads as a person's name; a few hits in a column are enough.
 */
export const GIVEN_NAMES: ReadonlySet<string> = words(`
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald steven paul
andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry
justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
douglas zachary peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan arthur
lawrence jordan jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell vincent philip bobby johnny bradley
roy ralph randy wayne howard carlos russell louis harry liam oliver lucas mason elijah owen leo luke isaac evan connor hunter
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly emily
donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna
brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie
olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria
teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
isabella theresa diana natalie brittany charlotte marie kayla alexis lori ava mia harper ella chloe zoe lily grace ada
katherine kate jane
lukas leon finn jonas paul luis felix maximilian elias ben noah max julian tim moritz jan niklas david philipp simon tobias
fabian florian sebastian stefan andreas thomas michael markus matthias christian martin klaus jurgen uwe dieter wolfgang
hans peter frank sven dirk torsten lena lea hanna hannah emilia sophie mia lina ella clara marie leonie anna laura julia
sarah lisa katharina sabine petra monika ursula andrea claudia susanne birgit heike karin renate gabriele anja nicole
jean pierre michel philippe alain nicolas christophe patrick francois laurent eric olivier julien sebastien thierry pascal
hugo louis gabriel arthur jules adam raphael theo nathan mathis antoine maxime alexandre thomas quentin vincent romain
marie nathalie isabelle sylvie catherine sandrine valerie christine veronique celine stephanie camille lea manon chloe ines
juliette louise alice jade emma sarah pauline claire aurelie elodie margaux
antonio manuel francisco juan javier jose miguel pedro angel jesus carlos alejandro rafael fernando pablo sergio jorge luis
alberto diego alvaro adrian ricardo mario raul enrique ramon andres ignacio eduardo victor oscar ruben roberto hector
carmen maria ana isabel laura cristina marta lucia elena pilar rosa paula sara raquel patricia beatriz silvia dolores teresa
sofia valentina martina daniela julia alba irene andrea claudia
giuseppe giovanni francesco antonio mario luigi angelo vincenzo pietro salvatore carlo franco domenico bruno paolo michele
giorgio aldo sergio luciano marco alessandro andrea matteo lorenzo leonardo riccardo davide federico stefano roberto fabio
massimo luca simone giulia francesca chiara sara martina alessia giorgia elena anna valentina silvia federica paola laura
rossella elisa roberta barbara monica cristina
jan piet kees henk johan willem hendrik gerrit cornelis dirk bram sem daan lars thijs ruben stijn jesse tom bas joost
emma sanne lotte anouk femke fleur eva iris julia lieke maaike marieke nienke noor sophie tess
joao pedro gabriel miguel rafael gustavo felipe lucas mateus matheus bruno rodrigo thiago tiago andre ricardo marcos paulo
vitor vinicius diego eduardo leonardo caio heitor bernardo enzo davi arthur samuel
ana maria beatriz mariana juliana camila larissa leticia fernanda aline vanessa patricia amanda bruna carolina gabriela
isabela rafaela manuela alice helena valentina laura sophia
mohammed mohamed ahmed ali fatima omar yusuf ibrahim hassan aisha priya raj rahul amit anil sanjay sunita neha pooja
arjun vikram wei li ming yan hui chen kenji yuki hiroshi takashi akira sakura
olga ivan dmitri sergei natalia tatiana irina vladimir igor anastasia ekaterina
`);

/** Courtesy titles, folded, without their trailing dot. */
export const COURTESY_TITLES: ReadonlySet<string> = words(`
mr mrs ms miss mx dr prof sir madam dame lord lady rev fr mstr master
herr frau fraulein
m mme mlle monsieur madame mademoiselle me
sr sra srta don dona dr dra senor senora senorita
sig sigra sig ra signor signora signorina dott dottssa
dhr mevr mw mej heer mevrouw
sr sra srta
`);

/** Gender values, folded. */
export const GENDERS: ReadonlySet<string> = new Set([
  ...'male female m f w man woman men women other unknown nonbinary diverse divers homme femme mann frau mannlich weiblich hombre mujer masculino femenino masculin feminin maschio femmina maschile femminile man vrouw mannelijk vrouwelijk masculino feminino'.split(
    ' ',
  ),
  'non binary',
  'non-binary',
  'not specified',
  'not_specified',
  'non_specific',
  'prefer not to say',
]);

/** Loyalty tiers and membership levels, folded, in the seven languages. */
export const TIERS: ReadonlySet<string> = new Set([
  ...'platinum gold silver bronze diamond basic standard premium elite vip member classic plus titanium ruby emerald sapphire blue red black'.split(' '),
  ...'platin silber or argent platine oro plata bronce platino argento goud zilver brons platina ouro prata'.split(' '),
  'tier 1',
  'tier 2',
  'tier 3',
  'level 1',
  'level 2',
  'level 3',
]);

/** Marital status values, folded. */
export const MARITAL: ReadonlySet<string> = words(`
married single divorced widowed separated partnered
verheiratet ledig geschieden verwitwet getrennt
marie mariee celibataire divorce divorcee veuf veuve separe
casado casada soltero soltera divorciado divorciada viudo viuda separado separada
sposato sposata celibe nubile divorziato divorziata vedovo vedova
gehuwd getrouwd ongehuwd gescheiden weduwe weduwnaar
casado solteiro solteira divorciado viuvo viuva
`);

/** Words of job titles (folded), in the seven languages. */
export const JOB_WORDS: ReadonlySet<string> = words(`
ceo cfo cto coo cmo cio cso vp svp evp avp director manager engineer analyst assistant head officer president consultant developer
specialist coordinator administrator associate intern lead senior junior chief partner owner founder accountant designer architect
agent representative supervisor technician teacher nurse executive clerk secretary sales marketing admiral procurement finance
operations mathematician scientist researcher professor student editor writer controller buyer planner trainer advisor adviser
geschaftsfuhrer leiter leiterin berater beraterin entwickler ingenieur referent sachbearbeiter vertrieb inhaber
directeur directrice responsable ingenieur chef gerant conseiller conseillere commercial comptable
gerente director directora jefe jefa ingeniero asesor asesora contable vendedor
direttore direttrice responsabile ingegnere impiegato impiegata commerciale
medewerker adviseur eigenaar
diretor diretora engenheiro analista assistente vendedor
`);
