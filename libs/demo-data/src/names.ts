/** Name lists and participant origin profiles for the demo data. All people are fictitious. */
import type { CefrLevel } from '#lib/core';
import type { Weighted } from './random.js';

export const NORWEGIAN_FEMALE = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Hilde', 'Nina', 'Camilla', 'Ida', 'Silje',
  'Marte', 'Maria', 'Ragnhild', 'Tone', 'Kristin', 'Hanne', 'Heidi', 'Line', 'Siri', 'Thea', 'Ane', 'Sofie', 'Emilie',
  'Guro', 'Solveig', 'Torunn', 'Randi', 'Elisabeth', 'Mari', 'Julie', 'Karoline', 'Vibeke', 'Åse', 'Gunhild', 'Synnøve',
] as const;

export const NORWEGIAN_MALE = [
  'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas', 'Hans', 'Geir', 'Espen', 'Anders',
  'Martin', 'Jonas', 'Andreas', 'Erik', 'Kristian', 'Magnus', 'Henrik', 'Sindre', 'Eirik', 'Fredrik', 'Håkon', 'Petter',
  'Trond', 'Morten', 'Øystein', 'Vegard', 'Torbjørn', 'Stian', 'Audun', 'Even', 'Halvor', 'Jørgen', 'Rune', 'Tor',
] as const;

export const NORWEGIAN_SURNAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg',
  'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie', 'Amundsen',
  'Nygård', 'Holm', 'Rønning', 'Bjerke', 'Myhre', 'Lien', 'Brekke', 'Aas', 'Sandvik', 'Hovde', 'Engen', 'Tangen',
] as const;

/** Staff with immigrant background are common in introduction units, NAV and kindergartens. */
export const DIVERSE_STAFF = [
  ['Sara', 'Ahmed'], ['Amir', 'Hussain'], ['Linh', 'Nguyen'], ['Kamila', 'Nowak'], ['Fatima', 'Khan'], ['Yonas', 'Tesfay'],
  ['Leyla', 'Yilmaz'], ['Omar', 'Farah'], ['Mina', 'Rahimi'], ['Tomasz', 'Kowalski'], ['Nadia', 'Haddad'], ['Samir', 'Aziz'],
  ['Hiba', 'Osman'], ['Daniel', 'Mekonnen'], ['Aisha', 'Mohamed'], ['Ivana', 'Petrović'],
] as const;

export const FARM_NAMES = [
  'Nordre Ree', 'Søndre Hoel', 'Østre Bøe', 'Vestre Haug', 'Nordby', 'Sønsteby', 'Lunde', 'Berg', 'Bakke', 'Rud', 'Hov',
  'Sveen', 'Haugli', 'Strande', 'Øvre Moen', 'Nedre Kvål', 'Lille Tofte', 'Store Ree', 'Jevne', 'Atlungstad',
] as const;

export type OriginCode = 'UA' | 'SY' | 'AF' | 'ER' | 'SO' | 'CD' | 'SD' | 'PS' | 'IQ' | 'ET';
export type EducationLevelName = 'NONE' | 'PRIMARY' | 'UPPER_SECONDARY' | 'VOCATIONAL' | 'HIGHER';
export type ProtectionBasisName = 'COLLECTIVE_PROTECTION' | 'REFUGEE' | 'RESETTLEMENT_REFUGEE' | 'HUMANITARIAN' | 'FAMILY_REUNIFICATION';

export interface OtherLanguageOdds {
  readonly language: string;
  readonly probability: number;
  readonly levels: Weighted<CefrLevel>;
}

/** Where participants come from, and what tends to follow from it. Weights are shares of the demo population. */
export interface Origin {
  readonly code: OriginCode;
  /** Country in Norwegian, as written in education and experience entries. */
  readonly country: string;
  readonly weight: number;
  readonly femaleShare: number;
  readonly female: readonly string[];
  readonly male: readonly string[];
  readonly surnames: readonly string[];
  /** First preferred language (Norwegian language names, lower case). */
  readonly mainLanguage: string;
  readonly otherLanguages: readonly OtherLanguageOdds[];
  readonly protection: Weighted<ProtectionBasisName>;
  readonly education: Weighted<EducationLevelName>;
  /** Countries of transit where some have worked. */
  readonly transit: readonly string[];
  /** Ages 18–55, weighted towards this range. */
  readonly ageRange: readonly [number, number];
  readonly drivingLicence: number;
}

const NON_UKRAINIAN_PROTECTION: Weighted<ProtectionBasisName> = [
  ['REFUGEE', 45],
  ['RESETTLEMENT_REFUGEE', 22],
  ['FAMILY_REUNIFICATION', 26],
  ['HUMANITARIAN', 7],
];

const ENGLISH_LOW: Weighted<CefrLevel> = [['A1', 3], ['A2', 4], ['B1', 2], ['B2', 1]];
const ENGLISH_MID: Weighted<CefrLevel> = [['A2', 3], ['B1', 4], ['B2', 3], ['C1', 1]];
const FLUENT: Weighted<CefrLevel> = [['B2', 2], ['C1', 5]];

export const ORIGINS: readonly Origin[] = [
  {
    code: 'UA', country: 'Ukraina', weight: 45, femaleShare: 0.66,
    female: ['Olena', 'Olha', 'Tetiana', 'Nataliia', 'Iryna', 'Svitlana', 'Yuliia', 'Oksana', 'Kateryna', 'Anna', 'Mariia', 'Viktoriia', 'Liudmyla', 'Halyna', 'Daria', 'Alina', 'Inna', 'Larysa', 'Valentyna', 'Khrystyna', 'Sofiia', 'Nadiia'],
    male: ['Oleksandr', 'Andrii', 'Serhii', 'Dmytro', 'Volodymyr', 'Mykola', 'Yurii', 'Oleh', 'Ivan', 'Vasyl', 'Bohdan', 'Maksym', 'Taras', 'Roman', 'Artem', 'Vitalii', 'Ihor', 'Pavlo', 'Mykhailo', 'Denys'],
    surnames: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk', 'Oliinyk', 'Shevchuk', 'Polishchuk', 'Boiko', 'Kovalchuk', 'Lysenko', 'Marchenko', 'Moroz', 'Savchenko', 'Rudenko', 'Petrenko', 'Klymenko', 'Pavlenko', 'Kravets', 'Hnatiuk', 'Ponomarenko', 'Ivanenko', 'Karpenko', 'Zinchenko', 'Tkachuk', 'Vasylenko', 'Sydorenko', 'Romanenko', 'Levchenko', 'Yatsenko', 'Hrytsenko', 'Kuzmenko', 'Humeniuk'],
    mainLanguage: 'ukrainsk',
    otherLanguages: [
      { language: 'russisk', probability: 0.75, levels: FLUENT },
      { language: 'engelsk', probability: 0.7, levels: [['A1', 1], ['A2', 3], ['B1', 4], ['B2', 3], ['C1', 1]] },
      { language: 'polsk', probability: 0.08, levels: [['A2', 2], ['B1', 1]] },
      { language: 'tysk', probability: 0.06, levels: [['A1', 1], ['A2', 2], ['B1', 1]] },
    ],
    protection: [['COLLECTIVE_PROTECTION', 1]],
    education: [['HIGHER', 55], ['VOCATIONAL', 25], ['UPPER_SECONDARY', 17], ['PRIMARY', 3]],
    transit: ['Polen'], ageRange: [24, 55], drivingLicence: 0.5,
  },
  {
    code: 'SY', country: 'Syria', weight: 14, femaleShare: 0.5,
    female: ['Fatima', 'Amina', 'Rasha', 'Hala', 'Noor', 'Lina', 'Rania', 'Maryam', 'Aya', 'Hiba', 'Dima', 'Reem', 'Zeinab', 'Layla', 'Sara', 'Yasmin', 'Ghada', 'Nisreen'],
    male: ['Mohammad', 'Ahmad', 'Khaled', 'Omar', 'Mahmoud', 'Ali', 'Hassan', 'Yousef', 'Ibrahim', 'Abdullah', 'Samer', 'Rami', 'Fadi', 'Tarek', 'Walid', 'Mustafa', 'Ammar', 'Bilal'],
    surnames: ['Al-Ahmad', 'Haddad', 'Khalil', 'Hamdan', 'Al-Hussein', 'Darwish', 'Nasser', 'Sabbagh', 'Al-Khatib', 'Mansour', 'Othman', 'Alali', 'Hammoud', 'Ismail', 'Kassem', 'Al-Masri', 'Shami', 'Aziz', 'Suleiman', 'Barakat', 'Al-Zoubi', 'Kurdi'],
    mainLanguage: 'arabisk',
    otherLanguages: [
      { language: 'engelsk', probability: 0.4, levels: ENGLISH_LOW },
      { language: 'tyrkisk', probability: 0.25, levels: [['A2', 2], ['B1', 3], ['B2', 1]] },
      { language: 'kurdisk', probability: 0.12, levels: FLUENT },
    ],
    protection: [['REFUGEE', 35], ['RESETTLEMENT_REFUGEE', 35], ['FAMILY_REUNIFICATION', 25], ['HUMANITARIAN', 5]],
    education: [['HIGHER', 15], ['VOCATIONAL', 10], ['UPPER_SECONDARY', 25], ['PRIMARY', 35], ['NONE', 15]],
    transit: ['Tyrkia', 'Libanon', 'Jordan'], ageRange: [18, 50], drivingLicence: 0.25,
  },
  {
    code: 'AF', country: 'Afghanistan', weight: 10, femaleShare: 0.45,
    female: ['Fatima', 'Zahra', 'Maryam', 'Shabnam', 'Farzana', 'Marzia', 'Nargis', 'Parwana', 'Laila', 'Masooma', 'Sakina', 'Roya', 'Nazanin', 'Freshta', 'Soraya', 'Mursal'],
    male: ['Ahmad', 'Mohammad', 'Ali', 'Hamid', 'Mustafa', 'Javad', 'Reza', 'Sayed', 'Farid', 'Najib', 'Rahim', 'Shafiq', 'Zabihullah', 'Abdul', 'Mahdi', 'Hussain', 'Qasim', 'Jawid'],
    surnames: ['Ahmadi', 'Hashimi', 'Rahimi', 'Karimi', 'Hosseini', 'Sultani', 'Jafari', 'Mohammadi', 'Rezaei', 'Sadat', 'Haidari', 'Nazari', 'Amiri', 'Noori', 'Stanekzai', 'Popal', 'Safi', 'Wardak', 'Azizi', 'Habibi'],
    mainLanguage: 'dari',
    otherLanguages: [
      { language: 'pashto', probability: 0.3, levels: FLUENT },
      { language: 'engelsk', probability: 0.3, levels: ENGLISH_LOW },
      { language: 'urdu', probability: 0.08, levels: [['A2', 1], ['B1', 2]] },
    ],
    protection: [['REFUGEE', 35], ['RESETTLEMENT_REFUGEE', 35], ['FAMILY_REUNIFICATION', 22], ['HUMANITARIAN', 8]],
    education: [['HIGHER', 10], ['UPPER_SECONDARY', 20], ['PRIMARY', 30], ['NONE', 40]],
    transit: ['Iran', 'Pakistan'], ageRange: [18, 48], drivingLicence: 0.15,
  },
  {
    code: 'ER', country: 'Eritrea', weight: 10, femaleShare: 0.45,
    female: ['Helen', 'Selam', 'Senait', 'Lidya', 'Ruth', 'Saba', 'Yordanos', 'Mebrat', 'Feven', 'Hiwet', 'Rahel', 'Tsega', 'Winta', 'Almaz', 'Semhar', 'Luwam'],
    male: ['Yonas', 'Tesfay', 'Dawit', 'Mehari', 'Habtom', 'Kibrom', 'Samuel', 'Filmon', 'Amanuel', 'Yohannes', 'Mussie', 'Berhane', 'Tekle', 'Robel', 'Biniam', 'Efrem'],
    surnames: ['Gebremedhin', 'Tesfamariam', 'Haile', 'Ghebreyesus', 'Kidane', 'Tekle', 'Berhe', 'Woldu', 'Asfaha', 'Andemariam', 'Habte', 'Negash', 'Mehari', 'Yemane', 'Okbay', 'Tesfay', 'Ghirmay', 'Solomon'],
    mainLanguage: 'tigrinja',
    otherLanguages: [
      { language: 'engelsk', probability: 0.4, levels: ENGLISH_LOW },
      { language: 'arabisk', probability: 0.3, levels: [['A2', 2], ['B1', 2], ['B2', 1]] },
      { language: 'amharisk', probability: 0.3, levels: [['A2', 1], ['B1', 2], ['B2', 2]] },
    ],
    protection: NON_UKRAINIAN_PROTECTION,
    education: [['HIGHER', 5], ['VOCATIONAL', 5], ['UPPER_SECONDARY', 25], ['PRIMARY', 45], ['NONE', 20]],
    transit: ['Sudan', 'Etiopia', 'Libya'], ageRange: [18, 45], drivingLicence: 0.1,
  },
  {
    code: 'SO', country: 'Somalia', weight: 5, femaleShare: 0.55,
    female: ['Hodan', 'Fadumo', 'Amina', 'Sahra', 'Hawa', 'Asha', 'Ifrah', 'Nimco', 'Khadra', 'Ubah', 'Muna', 'Halima', 'Ayan', 'Deeqa'],
    male: ['Abdi', 'Mohamed', 'Ahmed', 'Abdirahman', 'Hassan', 'Omar', 'Ali', 'Yusuf', 'Abdullahi', 'Ismail', 'Mahad', 'Farah', 'Liban', 'Bashir'],
    surnames: ['Mohamed', 'Ahmed', 'Ali', 'Hassan', 'Abdi', 'Warsame', 'Farah', 'Hussein', 'Osman', 'Jama', 'Egal', 'Nur', 'Aden', 'Yusuf', 'Dahir', 'Abdullahi', 'Hirsi', 'Samatar'],
    mainLanguage: 'somali',
    otherLanguages: [
      { language: 'engelsk', probability: 0.4, levels: ENGLISH_LOW },
      { language: 'arabisk', probability: 0.4, levels: [['A1', 1], ['A2', 2], ['B1', 1]] },
      { language: 'swahili', probability: 0.1, levels: [['A2', 1], ['B1', 1]] },
    ],
    protection: [['REFUGEE', 30], ['RESETTLEMENT_REFUGEE', 20], ['FAMILY_REUNIFICATION', 45], ['HUMANITARIAN', 5]],
    education: [['HIGHER', 5], ['UPPER_SECONDARY', 15], ['PRIMARY', 35], ['NONE', 45]],
    transit: ['Kenya', 'Etiopia'], ageRange: [18, 50], drivingLicence: 0.12,
  },
  {
    code: 'CD', country: 'Kongo (DR)', weight: 5, femaleShare: 0.52,
    female: ['Marie', 'Esther', 'Grace', 'Ruth', 'Sarah', 'Josephine', 'Claudine', 'Chantal', 'Nadine', 'Furaha', 'Neema', 'Aline', 'Divine', 'Bénite'],
    male: ['Jean', 'Patrick', 'Emmanuel', 'Christian', 'Joseph', 'Pierre', 'Daniel', 'Eric', 'Olivier', 'Fiston', 'Gloire', 'Héritier', 'Jonathan', 'Moïse', 'Prince'],
    surnames: ['Mukendi', 'Kabongo', 'Tshibangu', 'Ilunga', 'Kalonji', 'Mbuyi', 'Kasongo', 'Lukusa', 'Mwamba', 'Ngoy', 'Nsimba', 'Kanku', 'Mutombo', 'Bahati', 'Byamungu', 'Mushagalusa', 'Amani', 'Birindwa'],
    mainLanguage: 'swahili',
    otherLanguages: [
      { language: 'fransk', probability: 0.7, levels: [['A2', 1], ['B1', 3], ['B2', 3], ['C1', 2]] },
      { language: 'lingala', probability: 0.4, levels: FLUENT },
      { language: 'engelsk', probability: 0.4, levels: ENGLISH_LOW },
      { language: 'kinyarwanda', probability: 0.15, levels: [['B1', 1], ['B2', 1]] },
    ],
    protection: [['RESETTLEMENT_REFUGEE', 70], ['REFUGEE', 10], ['FAMILY_REUNIFICATION', 18], ['HUMANITARIAN', 2]],
    education: [['HIGHER', 10], ['VOCATIONAL', 5], ['UPPER_SECONDARY', 25], ['PRIMARY', 35], ['NONE', 25]],
    transit: ['Uganda', 'Rwanda', 'Tanzania'], ageRange: [18, 50], drivingLicence: 0.1,
  },
  {
    code: 'SD', country: 'Sudan', weight: 3, femaleShare: 0.45,
    female: ['Amna', 'Fatima', 'Safa', 'Hanan', 'Mawada', 'Samah', 'Rayan', 'Nada', 'Tasneem', 'Hadia'],
    male: ['Mohamed', 'Ahmed', 'Osman', 'Abdelrahman', 'Hamza', 'Musa', 'Adam', 'Ibrahim', 'Yahia', 'Elsadig'],
    surnames: ['Abdalla', 'Osman', 'Musa', 'Adam', 'Elamin', 'Elsayed', 'Babiker', 'Ishag', 'Yagoub', 'Hamid', 'Elhassan', 'Abakar'],
    mainLanguage: 'arabisk',
    otherLanguages: [{ language: 'engelsk', probability: 0.45, levels: ENGLISH_LOW }],
    protection: NON_UKRAINIAN_PROTECTION,
    education: [['HIGHER', 12], ['UPPER_SECONDARY', 28], ['PRIMARY', 35], ['NONE', 25]],
    transit: ['Egypt', 'Libya', 'Tsjad'], ageRange: [18, 45], drivingLicence: 0.15,
  },
  {
    code: 'PS', country: 'Palestina', weight: 3, femaleShare: 0.45,
    female: ['Rana', 'Huda', 'Maha', 'Samira', 'Dalia', 'Nour', 'Manal', 'Asma'],
    male: ['Mahmoud', 'Khalil', 'Yazan', 'Anas', 'Saeed', 'Nabil', 'Majed', 'Hamza'],
    surnames: ['Salem', 'Awad', 'Shaheen', 'Hamdan', 'Khoury', 'Odeh', 'Saleh', 'Qasem', 'Abu Zaid', 'Nassar'],
    mainLanguage: 'arabisk',
    otherLanguages: [{ language: 'engelsk', probability: 0.55, levels: ENGLISH_MID }],
    protection: NON_UKRAINIAN_PROTECTION,
    education: [['HIGHER', 30], ['VOCATIONAL', 10], ['UPPER_SECONDARY', 35], ['PRIMARY', 20], ['NONE', 5]],
    transit: ['Syria', 'Libanon', 'Egypt'], ageRange: [18, 50], drivingLicence: 0.3,
  },
  {
    code: 'IQ', country: 'Irak', weight: 2, femaleShare: 0.5,
    female: ['Shilan', 'Nasrin', 'Rojin', 'Avin', 'Dilan', 'Bayan', 'Zainab', 'Noor'],
    male: ['Karwan', 'Rebwar', 'Dilshad', 'Hawre', 'Ari', 'Shwan', 'Haider', 'Mustafa'],
    surnames: ['Ahmed', 'Mahmoud', 'Rashid', 'Karim', 'Aziz', 'Salih', 'Omer', 'Qadir', 'Jabbar', 'Hassan'],
    mainLanguage: 'kurdisk',
    otherLanguages: [
      { language: 'arabisk', probability: 0.7, levels: [['A2', 1], ['B1', 2], ['B2', 2], ['C1', 1]] },
      { language: 'engelsk', probability: 0.45, levels: ENGLISH_LOW },
    ],
    protection: NON_UKRAINIAN_PROTECTION,
    education: [['HIGHER', 20], ['VOCATIONAL', 10], ['UPPER_SECONDARY', 30], ['PRIMARY', 30], ['NONE', 10]],
    transit: ['Tyrkia'], ageRange: [18, 50], drivingLicence: 0.3,
  },
  {
    code: 'ET', country: 'Etiopia', weight: 3, femaleShare: 0.55,
    female: ['Tigist', 'Meron', 'Hirut', 'Bethlehem', 'Selamawit', 'Mekdes', 'Tsion', 'Eden', 'Hana'],
    male: ['Abebe', 'Dawit', 'Getachew', 'Tesfaye', 'Yared', 'Henok', 'Solomon', 'Mulugeta', 'Bereket'],
    surnames: ['Alemu', 'Bekele', 'Tadesse', 'Girma', 'Haile', 'Kebede', 'Tesfaye', 'Mengistu', 'Wolde', 'Gebru', 'Abera', 'Desta'],
    mainLanguage: 'amharisk',
    otherLanguages: [
      { language: 'oromo', probability: 0.3, levels: FLUENT },
      { language: 'engelsk', probability: 0.5, levels: ENGLISH_LOW },
      { language: 'tigrinja', probability: 0.15, levels: [['A2', 1], ['B1', 1], ['B2', 1]] },
    ],
    protection: NON_UKRAINIAN_PROTECTION,
    education: [['HIGHER', 12], ['VOCATIONAL', 8], ['UPPER_SECONDARY', 30], ['PRIMARY', 35], ['NONE', 15]],
    transit: ['Kenya', 'Sudan'], ageRange: [18, 45], drivingLicence: 0.15,
  },
];

/** Family circumstances an advisor might note (advisor-only, never shown to employers). */
export const FAMILY_NOTES = [
  'Alenemor med tre barn (2, 5 og 9 år). Barnehageplass for den yngste fra august.',
  'Ektefelle er fortsatt i hjemlandet. Søker familiegjenforening.',
  'Venter på familiegjenforening med ektefelle og to barn.',
  'Har ansvar for syk mor som bor i samme bolig.',
  'Gravid, termin om fire måneder. Planlegger permisjon fra programmet.',
  'To barn i skolealder; SFO er ordnet.',
  'Alenefar med to barn. Henter i barnehagen kl. 16.',
  'Ektefelle deltar også i introduksjonsprogrammet; de deler på henting i barnehagen.',
  'Har fem barn, den yngste er ett år og har ikke barnehageplass ennå.',
  'Bor midlertidig hos slektninger; venter på kommunal bolig.',
  'Ektefelle er i arbeid i Norge. Barna går i barnehage.',
  'Sønn med spesielle behov; faste avtaler på BUP annenhver tirsdag.',
  'Nylig flyttet fra mottak. Trenger hjelp med praktiske ting i ny bolig.',
  'Ektefelle i militærtjeneste i Ukraina; bor med to tenåringer.',
] as const;

export const HEALTH_LIMITATIONS = [
  'Ryggplager, unngå tunge løft',
  'Nedsatt hørsel på ett øre',
  'Astma; bør unngå støv og sterke rengjøringsmidler',
  'Kneskade, kan ikke stå hele dagen',
  'Søvnproblemer; bør ikke ha tidlige morgenvakter',
  'Allergi mot latex',
] as const;
