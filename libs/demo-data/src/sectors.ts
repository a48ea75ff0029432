/** Per-sector content: how employers are named and what placements they offer. Text is Norwegian, as users see it. */
import type { CefrLevel, Sector } from '#lib/core';
import { FARM_NAMES, NORWEGIAN_SURNAMES } from './names.js';
import type { Rng } from './random.js';

/** Required Norwegian as [oral, listening, reading, writing]; null = no requirement on that skill. */
export type Requirement = readonly [CefrLevel | null, CefrLevel | null, CefrLevel | null, CefrLevel | null];

const all = (level: CefrLevel): Requirement => [level, level, level, level];

export type PlacementTypeName = 'LANGUAGE_PRACTICE' | 'WORK_PRACTICE' | 'SUBSIDISED_JOB' | 'JOB';

export interface RoleTemplate {
  /** STYRK-08 code from the occupation catalogue. */
  readonly occupation: string;
  /** Lower-case Norwegian job title, e.g. "barnehageassistent". */
  readonly role: string;
  readonly weight: number;
  readonly tasks: readonly string[];
  readonly competences: readonly string[];
  readonly certificates?: readonly string[];
  /** For work practice and jobs; language practice relaxes it. */
  readonly requirement: Requirement;
  /** Municipal employers (kindergartens) ask more: B1 on all sub-tests. */
  readonly municipalRequirement?: Requirement;
  readonly formal?: boolean;
  /** Roles needing formal competence are not offered as language practice. */
  readonly noLanguagePractice?: boolean;
  readonly shiftWork?: number;
  readonly mostlyAlone?: number;
  readonly openToLow?: number;
}

export interface EmployerName {
  readonly name: string;
  readonly municipal: boolean;
  readonly description: string | null;
}

export interface NameContext {
  readonly rng: Rng;
  /** A neighbourhood or village in the employer's home area. */
  readonly place: string;
  /** The district or municipality name ("Alna", "Hamar"). */
  readonly areaName: string;
  readonly oslo: boolean;
}

export interface SectorProfile {
  readonly sector: Sector;
  readonly employerWeight: number;
  /** Multiplier on the weight for employers in Innlandet (farms are rare in Oslo). */
  readonly innlandetFactor: number;
  /** Probability that an employer has more than one site. */
  readonly multiSite: number;
  /** Relative number of placements per employer. */
  readonly placementsPerEmployer: number;
  readonly contactTitles: readonly string[];
  readonly name: (ctx: NameContext) => EmployerName;
  readonly roles: readonly RoleTemplate[];
}

const surname = (rng: Rng): string => rng.pick(NORWEGIAN_SURNAMES);

const KINDERGARTEN_NAMES = [
  'Solsikken', 'Blåklokka', 'Tusenfryd', 'Maurtua', 'Ekornet', 'Regnbuen', 'Trollskogen', 'Humla', 'Marihøna', 'Bjørnebo',
  'Eventyrhagen', 'Lykketrollet', 'Kosekroken', 'Smørblomsten', 'Hestehoven', 'Løvetann', 'Fjellknausen', 'Sommerfuglen',
  'Nøtteliten', 'Tyrihans', 'Prestekragen', 'Skogstua', 'Veslefrikk', 'Askeladden', 'Lekeslottet', 'Stjerneskudd',
] as const;

const RESTAURANT_NAMES = [
  'Smaken av Aleppo', 'Habesha Restaurant', 'Kabul Kebab', 'Mama Mia', 'Olivia', 'Lille Saigon', 'Sushi Nara', 'Spiseriet',
  'Bistro Bjørk', 'Kafé Kaia', 'Pizzeria Napoli', 'Lokalet', 'Asmara Kafé', 'Beirut Grill', 'Dragen Wok',
] as const;

const KINDERGARTEN_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '5311', role: 'barnehageassistent', weight: 10,
    tasks: ['Delta i lek og aktiviteter med barna', 'Hjelpe til ved måltider og påkledning', 'Bli med på turer i nærmiljøet', 'Rydde og holde orden på avdelingen', 'Lese og synge sammen med barna', 'Hjelpe til i garderoben ved henting og levering'],
    competences: ['Glad i barn', 'Samarbeidsevne', 'Tålmodighet', 'Flerspråklighet er en fordel'],
    requirement: ['A2', 'A2', 'A2', 'A1'], municipalRequirement: all('B1'), openToLow: 0.15,
  },
  {
    occupation: '2342', role: 'barnehagelærer', weight: 1,
    tasks: ['Planlegge pedagogiske aktiviteter', 'Følge opp barnegruppen', 'Samarbeide med foreldre', 'Dokumentere barnas utvikling'],
    competences: ['Pedagogisk utdanning', 'Godkjent utdanning eller søkt godkjenning'],
    requirement: all('B2'), municipalRequirement: all('B2'), formal: true, noLanguagePractice: true,
  },
];

const CARE_TASKS = ['Hjelpe beboere med morgenstell og måltider', 'Sosialt samvær og aktiviteter med beboerne', 'Følge beboere til aktiviteter og turer', 'Re senger og rydde på rommene', 'Servere mat og kaffe', 'Lese avisen høyt og prate med beboerne'];

const HEALTH_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '5329', role: 'pleieassistent', weight: 8, tasks: CARE_TASKS,
    competences: ['Omsorgsfull', 'Pålitelig', 'Gode samarbeidsevner'],
    requirement: ['B1', 'B1', 'B1', 'B1'], shiftWork: 0.35, openToLow: 0.1,
  },
  {
    occupation: '5321', role: 'helsefagarbeider', weight: 3,
    tasks: ['Stell og pleie av beboere', 'Observere og rapportere endringer i helsetilstand', 'Utdele medisiner etter delegering', 'Dokumentere i journalsystemet'],
    competences: ['Helsefagarbeiderutdanning eller tilsvarende', 'Erfaring fra pleie og omsorg'],
    requirement: all('B1'), formal: true, noLanguagePractice: true, shiftWork: 0.6,
  },
  {
    occupation: '2223', role: 'sykepleier', weight: 1,
    tasks: ['Sykepleiefaglig oppfølging av pasienter', 'Legemiddelhåndtering', 'Samarbeid med lege og pårørende', 'Veiledning av assistenter'],
    competences: ['Sykepleierutdanning fra hjemlandet', 'Søkt autorisasjon i Norge'],
    certificates: ['Autorisasjon som sykepleier (Helsedirektoratet)'],
    requirement: all('B2'), formal: true, noLanguagePractice: true, shiftWork: 0.7,
  },
  {
    occupation: '9412', role: 'kjøkkenassistent på sykehjemmet', weight: 2,
    tasks: ['Smøre brødmat og lage enkle måltider', 'Oppvask', 'Dekke på og rydde i spisestuen', 'Følge hygienerutiner'],
    competences: ['Nøyaktig', 'Interesse for matlaging'],
    requirement: ['A2', 'A2', 'A1', null], openToLow: 0.2,
  },
];

const HOME_CARE_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '5322', role: 'medarbeider i praktisk bistand', weight: 5,
    tasks: ['Rengjøring i brukernes hjem', 'Handle dagligvarer for brukerne', 'Enkel matlaging', 'Sosial kontakt med eldre', 'Følge brukere til lege og frisør'],
    competences: ['Selvstendig', 'Pålitelig', 'Liker å jobbe med eldre'],
    certificates: ['Førerkort klasse B'],
    requirement: ['B1', 'B1', 'A2', 'A2'], mostlyAlone: 0.5,
  },
  {
    occupation: '5329', role: 'assistent i hjemmesykepleien', weight: 3,
    tasks: ['Bli med på hjemmebesøk sammen med helsepersonell', 'Hjelpe brukere med personlig stell', 'Levere middag til brukere', 'Rydde og klargjøre utstyr på basen'],
    competences: ['Omsorgsfull', 'Gode samarbeidsevner'],
    requirement: all('B1'), shiftWork: 0.3, mostlyAlone: 0.2,
  },
];

const RETAIL_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '5223', role: 'butikkmedarbeider', weight: 6,
    tasks: ['Varepåfylling og frontvending', 'Ta imot varelevering', 'Holde orden i butikken', 'Hjelpe kunder med å finne varer', 'Kassearbeid etter opplæring', 'Datokontroll av ferskvarer'],
    competences: ['Serviceinnstilt', 'Punktlig', 'Tåler et høyt tempo'],
    requirement: ['A2', 'A2', 'A1', null], openToLow: 0.15,
  },
  {
    occupation: '9334', role: 'varepåfyller', weight: 3,
    tasks: ['Fylle på varer i hyllene', 'Pakke ut levering', 'Pante- og returhåndtering', 'Rydde lageret'],
    competences: ['Fysisk sprek', 'Nøyaktig'],
    requirement: ['A1', 'A1', null, null], openToLow: 0.35,
  },
  {
    occupation: '5230', role: 'kassemedarbeider', weight: 1,
    tasks: ['Betjene kassen', 'Svare på spørsmål fra kunder', 'Kontrollere legitimasjon ved salg av øl', 'Holde kassen ryddig'],
    competences: ['Serviceinnstilt', 'Gode regneferdigheter'],
    requirement: ['B1', 'B1', 'A2', null],
  },
];

const RESTAURANT_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '9412', role: 'kjøkkenassistent', weight: 6,
    tasks: ['Forberede råvarer (skrelle, kutte)', 'Oppvask og rengjøring av kjøkkenet', 'Hjelpe kokken med enkel matlaging', 'Ta imot og sette på plass varer'],
    competences: ['Interesse for mat', 'Tåler et høyt tempo'], certificates: [],
    requirement: ['A2', 'A1', 'A1', null], shiftWork: 0.4, openToLow: 0.3,
  },
  {
    occupation: '5120', role: 'kokk', weight: 2,
    tasks: ['Tilberede retter etter menyen', 'Lage dagens rett', 'Bestille varer', 'Følge HACCP-rutiner'],
    competences: ['Erfaring som kokk', 'Hygienekurs'],
    requirement: ['A2', 'A2', 'A2', null], shiftWork: 0.6,
  },
  {
    occupation: '5131', role: 'servitør', weight: 2,
    tasks: ['Ta imot gjester og bestillinger', 'Servere mat og drikke', 'Dekke bord og rydde', 'Ta betalt'],
    competences: ['Serviceinnstilt', 'Engelsk er en fordel'],
    requirement: ['B1', 'B1', 'A2', null], shiftWork: 0.6,
  },
];

const HOTEL_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '9112', role: 'romstellmedarbeider', weight: 6,
    tasks: ['Rengjøre og klargjøre hotellrom', 'Re senger og bytte håndklær', 'Påfyll av artikler på rommene', 'Rengjøring av fellesarealer'],
    competences: ['Nøyaktig', 'Effektiv'],
    requirement: ['A1', 'A1', null, null], mostlyAlone: 0.4, openToLow: 0.4,
  },
  {
    occupation: '9412', role: 'frokostmedarbeider', weight: 3,
    tasks: ['Klargjøre frokostbuffeten', 'Fylle på og holde buffeten ryddig', 'Oppvask', 'Rydde bord'],
    competences: ['Morgenfrisk', 'Serviceinnstilt'],
    requirement: ['A2', 'A2', null, null], shiftWork: 0.3, openToLow: 0.2,
  },
  {
    occupation: '4224', role: 'resepsjonsmedarbeider', weight: 1,
    tasks: ['Innsjekk og utsjekk av gjester', 'Svare på telefon og e-post', 'Hjelpe gjester med informasjon'],
    competences: ['Engelsk', 'Kundeservice', 'Ryddig fremtoning'],
    requirement: all('B1'), shiftWork: 0.7,
  },
];

const CLEANING_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '9112', role: 'renholder', weight: 8,
    tasks: ['Renhold av kontorer og fellesarealer', 'Tømme søppel og kildesortere', 'Vaske gulv med maskin', 'Rengjøre toaletter og kjøkken'],
    competences: ['Selvstendig', 'Punktlig', 'Nøyaktig'],
    requirement: ['A1', null, null, null], mostlyAlone: 0.45, openToLow: 0.5, shiftWork: 0.2,
  },
  {
    occupation: '8157', role: 'vaskerimedarbeider', weight: 2,
    tasks: ['Sortere tøy', 'Betjene vaskemaskiner og mangel', 'Brette og pakke tøy'],
    competences: ['Fysisk sprek'],
    requirement: ['A1', 'A1', null, null], openToLow: 0.4,
  },
  {
    occupation: '9123', role: 'vinduspusser', weight: 1,
    tasks: ['Vaske vinduer innvendig og utvendig', 'Rengjøre fasader og inngangspartier'],
    competences: ['Ikke høydeskrekk'],
    requirement: ['A1', 'A1', null, null], mostlyAlone: 0.3, openToLow: 0.3,
  },
];

const CONSTRUCTION_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '9313', role: 'hjelpearbeider bygg', weight: 6,
    tasks: ['Bære og flytte materialer', 'Rydde byggeplassen', 'Hjelpe fagarbeidere med enkle oppgaver', 'Klargjøre verktøy og utstyr'],
    competences: ['Fysisk sprek', 'Sikkerhetsbevisst'], certificates: ['HMS-kort'],
    requirement: ['A2', 'A2', 'A1', null], openToLow: 0.2,
  },
  {
    occupation: '7131', role: 'malerassistent', weight: 2,
    tasks: ['Dekke til og forberede flater', 'Sparkle og slipe', 'Male vegger og tak', 'Rengjøre utstyr'],
    competences: ['Nøyaktig'], certificates: ['HMS-kort'],
    requirement: ['A2', 'A2', 'A1', null],
  },
  {
    occupation: '7115', role: 'tømrer', weight: 1,
    tasks: ['Montere vegger og tak', 'Legge gulv', 'Sette inn vinduer og dører'],
    competences: ['Fagbrev eller lang erfaring som tømrer'], certificates: ['HMS-kort'],
    requirement: ['A2', 'B1', 'A2', null], formal: true, noLanguagePractice: true,
  },
  {
    occupation: '9312', role: 'anleggsarbeider', weight: 1,
    tasks: ['Grøftearbeid', 'Legge rør og kabler', 'Sikre anleggsområdet', 'Brøyte og strø'],
    competences: ['Fysisk sprek'], certificates: ['HMS-kort'],
    requirement: ['A2', 'A2', null, null],
  },
];

const CANTEEN_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '5246', role: 'kantinemedarbeider', weight: 5,
    tasks: ['Tilberede salater og påsmurt mat', 'Fylle på i disken', 'Servere lunsj', 'Oppvask og renhold av kantinen', 'Ta betaling i kassen'],
    competences: ['Serviceinnstilt', 'Hygienekurs er en fordel'],
    requirement: ['A2', 'A2', 'A1', null], openToLow: 0.2,
  },
  {
    occupation: '9412', role: 'kjøkkenassistent i kantinen', weight: 3,
    tasks: ['Forberede grønnsaker og råvarer', 'Oppvask', 'Rengjøring av kjøkkenet'],
    competences: ['Effektiv'],
    requirement: ['A1', 'A1', null, null], openToLow: 0.35,
  },
];

const IT_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '3512', role: 'brukerstøttemedarbeider', weight: 4,
    tasks: ['Hjelpe brukere med PC og telefon', 'Klargjøre PC-er for nye ansatte', 'Registrere saker i saksbehandlingssystemet', 'Enkel feilsøking på nettverk og skrivere'],
    competences: ['Engelsk', 'Windows og Microsoft 365', 'Kundebehandling'],
    requirement: ['B1', 'B1', 'B1', 'A2'],
  },
  {
    occupation: '3511', role: 'IT-driftstekniker', weight: 2,
    tasks: ['Overvåke servere og tjenester', 'Installere oppdateringer', 'Dokumentere driftsrutiner'],
    competences: ['Erfaring med IT-drift', 'Engelsk'],
    requirement: ['A2', 'B1', 'B1', 'A2'], openToLow: 0.2,
  },
  {
    occupation: '2512', role: 'utvikler', weight: 1,
    tasks: ['Utvikle og teste programvare', 'Delta i teamets daglige møter', 'Rette feil i eksisterende løsninger'],
    competences: ['Engelsk (arbeidsspråk)', 'Erfaring med programmering'],
    requirement: ['A2', 'A2', 'A2', null], formal: true, openToLow: 0.5,
  },
];

const TRANSPORT_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '4321', role: 'lagermedarbeider', weight: 6,
    tasks: ['Plukke og pakke ordre', 'Ta imot og kontrollere varer', 'Holde orden på lageret', 'Bruke håndterminal'],
    competences: ['Fysisk sprek', 'Nøyaktig'],
    requirement: ['A2', 'A2', 'A1', null], shiftWork: 0.4, openToLow: 0.2,
  },
  {
    occupation: '8344', role: 'truckfører', weight: 2,
    tasks: ['Laste og losse med truck', 'Flytte paller på lageret', 'Daglig kontroll av trucken'],
    competences: ['Sikkerhetsbevisst'], certificates: ['Truckførerbevis'],
    requirement: ['A2', 'A2', 'A2', null], shiftWork: 0.5,
  },
  {
    occupation: '9321', role: 'pakkemedarbeider', weight: 3,
    tasks: ['Pakke varer for forsendelse', 'Merke pakker', 'Sortere sendinger'],
    competences: ['Effektiv'],
    requirement: ['A1', 'A1', null, null], shiftWork: 0.3, openToLow: 0.4,
  },
  {
    occupation: '4412', role: 'postbud', weight: 1,
    tasks: ['Sortere post', 'Levere post og pakker på fast rute'],
    competences: ['Selvstendig', 'Lokalkunnskap'], certificates: ['Førerkort klasse B'],
    requirement: ['A2', 'A2', 'A2', null], mostlyAlone: 0.6,
  },
];

const MANUFACTURING_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '8160', role: 'produksjonsmedarbeider', weight: 5,
    tasks: ['Pakke og merke produkter', 'Betjene pakkemaskin', 'Rengjøring av produksjonslinjen etter hygienerutiner', 'Kvalitetskontroll av ferdige varer'],
    competences: ['Nøyaktig', 'Følger rutiner'],
    requirement: ['A2', 'A2', 'A1', null], shiftWork: 0.5, openToLow: 0.25,
  },
  {
    occupation: '7512', role: 'bakerimedarbeider', weight: 2,
    tasks: ['Veie opp ingredienser', 'Forme og steke brød', 'Pakke og merke bakervarer', 'Rengjøre utstyr'],
    competences: ['Morgenfrisk', 'Interesse for baking'],
    requirement: ['A2', 'A2', 'A1', null], shiftWork: 0.5,
  },
  {
    occupation: '9329', role: 'produksjonsarbeider', weight: 3,
    tasks: ['Mate maskiner med råvarer', 'Stable og pakke ferdigvarer', 'Holde orden ved linjen'],
    competences: ['Fysisk sprek'],
    requirement: ['A1', 'A1', null, null], shiftWork: 0.5, openToLow: 0.35,
  },
  {
    occupation: '8172', role: 'sagbruksarbeider', weight: 1,
    tasks: ['Sortere og stable trelast', 'Betjene kappsag', 'Rydde og holde orden'],
    competences: ['Sikkerhetsbevisst', 'Fysisk sprek'],
    requirement: ['A2', 'A2', null, null], shiftWork: 0.5,
  },
];

const AGRICULTURE_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '9214', role: 'gartneriarbeider', weight: 4,
    tasks: ['Stell av planter i veksthus', 'Potting og ompotting', 'Plukke og pakke grønnsaker', 'Vanning og enkelt vedlikehold'],
    competences: ['Interesse for planter', 'Fysisk sprek'],
    requirement: ['A1', 'A1', null, null], openToLow: 0.4,
  },
  {
    occupation: '9213', role: 'gårdsarbeider', weight: 3,
    tasks: ['Stell av dyr', 'Hjelpe til med innhøsting', 'Vedlikehold av gården'],
    competences: ['Erfaring fra landbruk er en fordel'],
    requirement: ['A1', 'A1', null, null], openToLow: 0.4,
  },
  {
    occupation: '9212', role: 'fjøsarbeider', weight: 2,
    tasks: ['Fôring og melking', 'Måking og strø i fjøset', 'Følge med på dyrenes helse'],
    competences: ['Vant med dyr'],
    requirement: ['A1', 'A2', null, null], shiftWork: 0.3, openToLow: 0.3,
  },
];

const EDUCATION_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '5312', role: 'skoleassistent', weight: 5,
    tasks: ['Hjelpe elever i klasserommet', 'Tilsyn i friminuttene', 'Følge opp elever med behov for ekstra støtte', 'Hjelpe til i skolefritidsordningen'],
    competences: ['Glad i barn', 'Flerspråklighet er en fordel'],
    requirement: all('B1'),
  },
  {
    occupation: '2353', role: 'tospråklig lærer', weight: 1,
    tasks: ['Morsmålsundervisning', 'Tospråklig fagopplæring', 'Samarbeid med kontaktlærer'],
    competences: ['Lærerutdanning fra hjemlandet', 'Morsmål og god norsk'],
    requirement: all('B2'), formal: true, noLanguagePractice: true,
  },
  {
    occupation: '5311', role: 'SFO-assistent', weight: 2,
    tasks: ['Lek og aktiviteter med barna etter skoletid', 'Servere mellommåltid', 'Følge barna ut og inn'],
    competences: ['Glad i barn'],
    requirement: ['B1', 'B1', 'A2', 'A2'],
  },
];

const OFFICE_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '4110', role: 'kontormedarbeider', weight: 4,
    tasks: ['Arkivering og skanning', 'Registrere post', 'Enkle oppgaver i Excel', 'Bemanne skranken'],
    competences: ['Datakunnskap', 'Nøyaktig'],
    requirement: all('B1'),
  },
  {
    occupation: '4132', role: 'skannemedarbeider', weight: 2,
    tasks: ['Skanne og registrere dokumenter', 'Sortere post', 'Kvalitetskontroll av skannede dokumenter'],
    competences: ['Nøyaktig'],
    requirement: ['A2', 'A2', 'A2', 'A1'], openToLow: 0.2,
  },
  {
    occupation: '4226', role: 'resepsjonist', weight: 1,
    tasks: ['Ta imot besøkende', 'Svare på telefon', 'Utlevering av nøkler og adgangskort'],
    competences: ['Serviceinnstilt', 'Engelsk'],
    requirement: all('B1'),
  },
];

const OTHER_ROLES: readonly RoleTemplate[] = [
  {
    occupation: '9629', role: 'sorteringsmedarbeider', weight: 4,
    tasks: ['Sortere innleverte klær og varer', 'Prise og henge opp varer', 'Holde orden i butikken og på lageret'],
    competences: ['Effektiv'],
    requirement: ['A1', 'A1', null, null], openToLow: 0.4,
  },
  {
    occupation: '5153', role: 'vaktmesterassistent', weight: 3,
    tasks: ['Enkelt vedlikehold av bygg', 'Snømåking og plenklipping', 'Skifte lyspærer og filtre', 'Bære og flytte møbler'],
    competences: ['Praktisk anlagt'],
    requirement: ['A2', 'A2', 'A1', null], mostlyAlone: 0.3,
  },
  {
    occupation: '5141', role: 'frisørassistent', weight: 1,
    tasks: ['Vaske hår', 'Rydde og feie i salongen', 'Ta imot kunder'],
    competences: ['Erfaring som frisør er en fordel'],
    requirement: ['A2', 'A2', null, null],
  },
];

export const SECTOR_PROFILES: readonly SectorProfile[] = [
  {
    sector: 'KINDERGARTEN', employerWeight: 14, innlandetFactor: 1, multiSite: 0.1, placementsPerEmployer: 1.4,
    contactTitles: ['Styrer', 'Pedagogisk leder', 'Assisterende styrer'],
    name: ({ rng, place }) => {
      const municipal = rng.chance(0.5);
      if (municipal) {
        return { name: `${place} barnehage`, municipal, description: `Kommunal barnehage med ${rng.int(3, 6)} avdelinger og om lag ${rng.int(4, 12) * 10} barn.` };
      }
      const fancy = rng.pick(KINDERGARTEN_NAMES);
      const name = rng.weighted<string>([
        [`${fancy} barnehage`, 6],
        [`Espira ${place}`, 1],
        [`FUS barnehage ${place}`, 1],
        [`Kanvas-barnehagen ${fancy}`, 1],
        [`Norlandia ${place} barnehage`, 1],
      ]);
      return { name, municipal, description: rng.chance(0.6) ? `Privat barnehage med ${rng.int(2, 5)} avdelinger. Vi legger vekt på lek, språk og uteliv.` : null };
    },
    roles: KINDERGARTEN_ROLES,
  },
  {
    sector: 'HEALTH_CARE', employerWeight: 11, innlandetFactor: 1, multiSite: 0.15, placementsPerEmployer: 1.5,
    contactTitles: ['Avdelingsleder', 'Enhetsleder', 'Institusjonssjef', 'Fagsykepleier'],
    name: ({ rng, place, areaName, oslo }) => {
      const name = rng.weighted<string>([
        [`${place} sykehjem`, 5],
        [`${place} helsehus`, 2],
        [`${place} bo- og behandlingssenter`, 2],
        [`${place} omsorgssenter`, 2],
        [oslo ? `${place} legesenter` : `Sykehuset Innlandet ${areaName}`, 1],
      ]);
      return { name, municipal: true, description: rng.chance(0.5) ? `Sykehjem med ${rng.int(30, 120)} plasser fordelt på ${rng.int(2, 6)} avdelinger, inkludert skjermet enhet.` : null };
    },
    roles: HEALTH_ROLES,
  },
  {
    sector: 'HOME_CARE', employerWeight: 5, innlandetFactor: 1, multiSite: 0.5, placementsPerEmployer: 1.2,
    contactTitles: ['Avdelingsleder', 'Teamleder', 'Koordinator'],
    name: ({ rng, place, areaName }) => {
      const name = rng.weighted<string>([
        [`Hjemmetjenesten ${areaName}`, 3],
        [`Hjemmetjenesten ${place}`, 2],
        [`Praktisk bistand ${areaName}`, 1],
        [`${surname(rng)} Omsorg AS`, 1],
      ]);
      return { name, municipal: !name.endsWith(' AS'), description: rng.chance(0.4) ? 'Hjemmebaserte tjenester: hjemmesykepleie og praktisk bistand til hjemmeboende.' : null };
    },
    roles: HOME_CARE_ROLES,
  },
  {
    sector: 'RETAIL', employerWeight: 16, innlandetFactor: 1, multiSite: 0.1, placementsPerEmployer: 1.2,
    contactTitles: ['Butikksjef', 'Assisterende butikksjef', 'Driftsleder'],
    name: ({ rng, place }) => {
      const chain = rng.weighted<string>([
        ['Kiwi', 5], ['Rema 1000', 5], ['Coop Extra', 4], ['Meny', 2], ['Joker', 2], ['Coop Prix', 2], ['Europris', 2],
        ['Normal', 1], ['Clas Ohlson', 1], ['XXL', 1], ['Elkjøp', 1], ['Jysk', 1], ['Plantasjen', 1], ['Nille', 1], ['Bunnpris', 1],
      ]);
      if (rng.chance(0.08)) return { name: `${place} Frukt og Grønt`, municipal: false, description: 'Nærbutikk med frukt, grønt og internasjonale varer.' };
      return { name: `${chain} ${place}`, municipal: false, description: null };
    },
    roles: RETAIL_ROLES,
  },
  {
    sector: 'RESTAURANT', employerWeight: 8, innlandetFactor: 0.8, multiSite: 0.05, placementsPerEmployer: 1,
    contactTitles: ['Daglig leder', 'Kjøkkensjef', 'Restaurantsjef'],
    name: ({ rng, place }) => {
      const name = rng.weighted<string>([
        [`Peppes Pizza ${place}`, 2], [`Egon ${place}`, 1], [`Burger King ${place}`, 1], [`Espresso House ${place}`, 1],
        [rng.pick(RESTAURANT_NAMES), 3], [`${place} Kro`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: RESTAURANT_ROLES,
  },
  {
    sector: 'HOTEL', employerWeight: 4, innlandetFactor: 1, multiSite: 0.05, placementsPerEmployer: 1.3,
    contactTitles: ['Housekeeping-sjef', 'Hotelldirektør', 'Driftssjef'],
    name: ({ rng, place, areaName, oslo }) => {
      const where = oslo ? place : areaName;
      const name = rng.weighted<string>([
        [`Scandic ${where}`, 3], [`Thon Hotel ${where}`, 2], [`Quality Hotel ${where}`, 1], [`Clarion Hotel ${where}`, 1],
        [`Comfort Hotel ${where}`, 1], [`${place} Hotell`, 2],
      ]);
      return { name, municipal: false, description: rng.chance(0.4) ? `Hotell med ${rng.int(60, 300)} rom og konferanseavdeling.` : null };
    },
    roles: HOTEL_ROLES,
  },
  {
    sector: 'CLEANING', employerWeight: 9, innlandetFactor: 1, multiSite: 0.45, placementsPerEmployer: 1.2,
    contactTitles: ['Driftsleder', 'Områdeleder', 'Renholdsleder'],
    name: ({ rng, place, areaName }) => {
      const name = rng.weighted<string>([
        [`ISS Facility Services ${areaName}`, 2], [`Renholdsgruppen ${areaName}`, 2], [`Elite Rengjøring ${place}`, 1],
        [`Alliance Renhold ${areaName}`, 1], [`Coor ${areaName}`, 1], [`Rent & Pent ${place}`, 1], [`${surname(rng)} Renhold AS`, 2],
        [`Vaskeriet ${place}`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: CLEANING_ROLES,
  },
  {
    sector: 'CONSTRUCTION', employerWeight: 7, innlandetFactor: 1.1, multiSite: 0.2, placementsPerEmployer: 0.9,
    contactTitles: ['Prosjektleder', 'Anleggsleder', 'Daglig leder', 'Bas'],
    name: ({ rng, place, areaName }) => {
      const s = surname(rng);
      const name = rng.weighted<string>([
        [`${s} Bygg AS`, 3], [`Byggmester ${s} AS`, 2], [`${place} Maler AS`, 1], [`${s} Rør AS`, 1],
        [`Veidekke Entreprenør ${areaName}`, 1], [`AF Bygg ${areaName}`, 1], [`${s} & Sønn Bygg AS`, 1], [`${place} Betong AS`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: CONSTRUCTION_ROLES,
  },
  {
    sector: 'CANTEEN', employerWeight: 4, innlandetFactor: 0.8, multiSite: 0.3, placementsPerEmployer: 1,
    contactTitles: ['Kantinesjef', 'Kjøkkensjef', 'Driftsleder'],
    name: ({ rng, place }) => {
      const name = rng.weighted<string>([
        [`Eurest ${place}`, 2], [`Sodexo ${place}`, 1], [`Kantina ${place}`, 2], [`${place} skolekantine`, 1], [`Kantinen på ${place} helsehus`, 1],
      ]);
      return { name, municipal: name.includes('skole') || name.includes('helsehus'), description: null };
    },
    roles: CANTEEN_ROLES,
  },
  {
    sector: 'IT', employerWeight: 2, innlandetFactor: 0.6, multiSite: 0.1, placementsPerEmployer: 0.8,
    contactTitles: ['Teamleder', 'Daglig leder', 'IT-sjef'],
    name: ({ rng, place, areaName }) => {
      const name = rng.weighted<string>([
        [`${place} Datahjelp AS`, 2], [`Atea ${areaName}`, 1], [`${surname(rng)} IT AS`, 2], [`IT-Service ${place}`, 1], [`Nettverkshuset ${areaName}`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: IT_ROLES,
  },
  {
    sector: 'TRANSPORT', employerWeight: 5, innlandetFactor: 1, multiSite: 0.25, placementsPerEmployer: 1,
    contactTitles: ['Lagersjef', 'Terminalleder', 'Skiftleder'],
    name: ({ rng, place, areaName }) => {
      const name = rng.weighted<string>([
        [`Posten og Bring ${areaName}`, 2], [`PostNord ${areaName}`, 1], [`ASKO ${areaName}`, 1], [`Schenker ${place}`, 1],
        [`${surname(rng)} Transport AS`, 2], [`Komplett lager ${place}`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: TRANSPORT_ROLES,
  },
  {
    sector: 'MANUFACTURING', employerWeight: 4, innlandetFactor: 1.6, multiSite: 0.15, placementsPerEmployer: 1,
    contactTitles: ['Produksjonsleder', 'Skiftleder', 'HR-rådgiver'],
    name: ({ rng, place, areaName, oslo }) => {
      const name = rng.weighted<string>([
        [`${place} Bakeri`, 2], [`Bakehuset ${place}`, 1], [`Nortura ${areaName}`, 1], [oslo ? `Orkla Foods ${place}` : `Moelven ${areaName}`, 1],
        [`${place} Mekaniske AS`, 1], [`Tine ${areaName}`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: MANUFACTURING_ROLES,
  },
  {
    sector: 'AGRICULTURE', employerWeight: 2, innlandetFactor: 4, multiSite: 0.05, placementsPerEmployer: 0.8,
    contactTitles: ['Gårdbruker', 'Daglig leder', 'Gartner'],
    name: ({ rng, place }) => {
      const name = rng.weighted<string>([[`${rng.pick(FARM_NAMES)} gård`, 3], [`${place} Gartneri`, 2], [`${place} Planteskole`, 1]]);
      return { name, municipal: false, description: null };
    },
    roles: AGRICULTURE_ROLES,
  },
  {
    sector: 'EDUCATION', employerWeight: 3, innlandetFactor: 1, multiSite: 0.05, placementsPerEmployer: 1,
    contactTitles: ['Rektor', 'Inspektør', 'SFO-leder'],
    name: ({ rng, place }) => ({ name: rng.weighted<string>([[`${place} skole`, 3], [`${place} barneskole`, 1], [`${place} ungdomsskole`, 1]]), municipal: true, description: null }),
    roles: EDUCATION_ROLES,
  },
  {
    sector: 'OFFICE', employerWeight: 2, innlandetFactor: 1, multiSite: 0.1, placementsPerEmployer: 0.8,
    contactTitles: ['Kontorsjef', 'Avdelingsleder', 'Daglig leder'],
    name: ({ rng, place, areaName, oslo }) => {
      const name = rng.weighted<string>([[oslo ? `Deichman ${place}` : `${areaName} bibliotek`, 2], [`${surname(rng)} Regnskap AS`, 2], [`${areaName} servicetorg`, 1]]);
      return { name, municipal: !name.endsWith(' AS'), description: null };
    },
    roles: OFFICE_ROLES,
  },
  {
    sector: 'OTHER', employerWeight: 3, innlandetFactor: 1, multiSite: 0.1, placementsPerEmployer: 1,
    contactTitles: ['Daglig leder', 'Butikkleder', 'Driftsleder'],
    name: ({ rng, place, areaName }) => {
      const name = rng.weighted<string>([
        [`Fretex ${place}`, 2], [`Kirkens Bymisjon ${areaName}`, 1], [`Frivilligsentralen ${place}`, 1], [`${place} Frisør`, 1], [`Vaktmesterkompaniet ${areaName}`, 1],
      ]);
      return { name, municipal: false, description: null };
    },
    roles: OTHER_ROLES,
  },
];

export function sectorProfile(sector: Sector): SectorProfile {
  const profile = SECTOR_PROFILES.find((p) => p.sector === sector);
  if (!profile) throw new Error(`No demo profile for sector ${sector}`);
  return profile;
}

/**
 * Occupations participants want, with weights (most have synonyms in the catalogue). Female/male weights
 * reflect the typical choices advisors report (kindergarten and care vs. construction and warehouse).
 */
export const WANTED_OCCUPATIONS: readonly (readonly [code: string, female: number, male: number])[] = [
  ['5311', 14, 3], ['5329', 10, 4], ['5321', 7, 3], ['5322', 5, 1], ['5223', 10, 8], ['9334', 3, 5], ['9112', 8, 5],
  ['9412', 7, 6], ['5120', 3, 5], ['4321', 2, 9], ['9313', 0.3, 8], ['7115', 0.2, 3], ['7131', 0.5, 3], ['5246', 4, 2],
  ['5312', 5, 2], ['8322', 0.5, 6], ['8331', 0.3, 3], ['3512', 1, 3], ['7512', 2, 2], ['5141', 3, 2], ['9214', 1, 2],
  ['4110', 3, 1], ['2643', 1, 1], ['7531', 1, 1], ['5131', 2, 2], ['4224', 1, 1], ['8160', 2, 3], ['7231', 0.1, 3],
  ['7411', 0.1, 2], ['8344', 0.2, 3], ['9621', 0.2, 2], ['5153', 0.2, 2],
];

/** What a short-term wish can grow into (long-term occupations). */
export const CAREER_PATHS: Readonly<Record<string, readonly string[]>> = {
  '5311': ['5311', '2342'],
  '5329': ['5321', '2223'],
  '5321': ['5321', '2223'],
  '5322': ['5321'],
  '5223': ['5222', '5223'],
  '9334': ['5223'],
  '9112': ['5151', '9112'],
  '9412': ['5120'],
  '5120': ['5120', '3434'],
  '4321': ['8344', '4322'],
  '9313': ['7115', '7131', '7411'],
  '5246': ['5120'],
  '5312': ['2341', '5312'],
  '3512': ['2512', '2522'],
  '8322': ['8331', '8332'],
  '7512': ['7512'],
  '4110': ['4311', '4110'],
  '2643': ['2643'],
};

/** Certificates participants bring or have taken in Norway. */
export const CERTIFICATES = ['Truckførerbevis', 'Hygienekurs', 'HMS-kort', 'Førstehjelpskurs', 'Kurs i smittevern', 'Arbeid på vei'] as const;
