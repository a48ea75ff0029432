/** Local colour for the areas of the geo catalogue: neighbourhood names, post codes, relative sizes. */

export interface AreaFlavour {
  /** Neighbourhoods or villages used in employer and site names ("Kiwi Furuset"). */
  readonly places: readonly string[];
  /** Post codes with their post town; a site address uses one of them. */
  readonly postcodes: readonly (readonly [string, string])[];
  /** Relative number of participants settled here. */
  readonly weight: number;
}

const oslo = (places: string[], postcodes: string[], weight: number): AreaFlavour => ({
  places,
  postcodes: postcodes.map((p) => [p, 'Oslo'] as const),
  weight,
});

const inn = (places: string[], postcodes: (readonly [string, string])[], weight: number): AreaFlavour => ({ places, postcodes, weight });

export const AREA_FLAVOUR: Readonly<Record<string, AreaFlavour>> = {
  'OSLO-GAMLE-OSLO': oslo(['Tøyen', 'Grønland', 'Kampen', 'Vålerenga', 'Gamlebyen', 'Ensjø', 'Helsfyr', 'Etterstad'], ['0188', '0190', '0561', '0651', '0655', '0659', '0663'], 7),
  'OSLO-GRUNERLOKKA': oslo(['Grünerløkka', 'Sofienberg', 'Rodeløkka', 'Carl Berner', 'Sinsen', 'Hasle', 'Løren'], ['0551', '0555', '0560', '0566', '0575', '0580'], 4),
  'OSLO-SAGENE': oslo(['Sagene', 'Torshov', 'Bjølsen', 'Sandaker', 'Iladalen'], ['0454', '0458', '0461', '0467', '0473', '0477'], 3),
  'OSLO-ST-HANSHAUGEN': oslo(['Bislett', 'Adamstuen', 'Ullevål', 'Fagerborg', 'St. Hanshaugen'], ['0165', '0170', '0176', '0350', '0356', '0450'], 2),
  'OSLO-FROGNER': oslo(['Majorstuen', 'Frogner', 'Skillebekk', 'Uranienborg', 'Bygdøy'], ['0250', '0254', '0260', '0266', '0287', '0367'], 2),
  'OSLO-ULLERN': oslo(['Skøyen', 'Lilleaker', 'Ullern', 'Montebello', 'Bestum'], ['0275', '0277', '0280', '0283', '0373'], 2),
  'OSLO-VESTRE-AKER': oslo(['Røa', 'Vinderen', 'Holmenkollen', 'Slemdal', 'Hovseter'], ['0374', '0752', '0755', '0760', '0764', '0771'], 2),
  'OSLO-NORDRE-AKER': oslo(['Nydalen', 'Tåsen', 'Berg', 'Kjelsås', 'Grefsen', 'Storo'], ['0484', '0487', '0490', '0850', '0855', '0870'], 3),
  'OSLO-BJERKE': oslo(['Økern', 'Veitvet', 'Linderud', 'Årvoll', 'Risløkka', 'Tonsenhagen'], ['0581', '0584', '0588', '0590', '0594', '0596'], 6),
  'OSLO-GRORUD': oslo(['Grorud', 'Romsås', 'Ammerud', 'Kalbakken', 'Rødtvet'], ['0950', '0955', '0957', '0958', '0969'], 7),
  'OSLO-STOVNER': oslo(['Stovner', 'Vestli', 'Haugenstua', 'Rommen', 'Fossum', 'Høybråten'], ['0976', '0980', '0982', '0985', '1088'], 8),
  'OSLO-ALNA': oslo(['Furuset', 'Tveita', 'Haugerud', 'Trosterud', 'Lindeberg', 'Hellerud', 'Ellingsrud'], ['0671', '0678', '1051', '1054', '1061', '1067', '1081'], 9),
  'OSLO-OSTENSJO': oslo(['Bøler', 'Oppsal', 'Manglerud', 'Skullerud', 'Abildsø', 'Godlia'], ['0667', '0683', '0687', '0691', '1155', '1187'], 5),
  'OSLO-NORDSTRAND': oslo(['Nordstrand', 'Ljan', 'Lambertseter', 'Ekeberg', 'Nordseter', 'Bekkelaget'], ['1150', '1152', '1160', '1164', '1169', '1175'], 4),
  'OSLO-SONDRE-NORDSTRAND': oslo(['Holmlia', 'Mortensrud', 'Bjørndal', 'Hauketo', 'Prinsdal'], ['1250', '1253', '1279', '1283', '1290'], 8),

  '3401': inn(['Kongsvinger', 'Roverud', 'Brandval', 'Austmarka'], [['2211', 'Kongsvinger'], ['2212', 'Kongsvinger'], ['2213', 'Kongsvinger'], ['2216', 'Roverud']], 3),
  '3403': inn(['Hamar', 'Ridabu', 'Ingeberg', 'Vang', 'Midtstranda'], [['2315', 'Hamar'], ['2317', 'Hamar'], ['2318', 'Hamar'], ['2322', 'Ridabu'], ['2323', 'Ingeberg']], 5),
  '3405': inn(['Lillehammer', 'Fåberg', 'Vingrom', 'Nordre Ål', 'Søre Ål'], [['2609', 'Lillehammer'], ['2613', 'Lillehammer'], ['2615', 'Lillehammer'], ['2618', 'Lillehammer'], ['2625', 'Fåberg']], 4),
  '3407': inn(['Gjøvik', 'Biri', 'Hunndalen', 'Snertingdal'], [['2815', 'Gjøvik'], ['2816', 'Gjøvik'], ['2819', 'Gjøvik'], ['2836', 'Biri'], ['2838', 'Snertingdal']], 4),
  '3411': inn(['Brumunddal', 'Moelv', 'Nes', 'Furnes'], [['2380', 'Brumunddal'], ['2381', 'Brumunddal'], ['2390', 'Moelv'], ['2391', 'Moelv']], 3),
  '3412': inn(['Løten'], [['2340', 'Løten']], 0.6),
  '3413': inn(['Stange', 'Ottestad', 'Tangen', 'Romedal'], [['2312', 'Ottestad'], ['2335', 'Stange'], ['2337', 'Tangen'], ['2338', 'Espa']], 2),
  '3414': inn(['Sagstua'], [['2120', 'Sagstua']], 0.4),
  '3415': inn(['Skarnes'], [['2100', 'Skarnes']], 0.5),
  '3416': inn(['Skotterud'], [['2230', 'Skotterud']], 0.4),
  '3417': inn(['Kirkenær'], [['2260', 'Kirkenær']], 0.4),
  '3418': inn(['Flisa'], [['2270', 'Flisa']], 0.6),
  '3419': inn(['Våler'], [['2436', 'Våler i Solør']], 0.4),
  '3420': inn(['Elverum', 'Hernes', 'Sørskogbygda'], [['2406', 'Elverum'], ['2408', 'Elverum'], ['2409', 'Elverum'], ['2410', 'Hernes']], 3),
  '3421': inn(['Trysil'], [['2420', 'Trysil']], 0.6),
  '3422': inn(['Rena'], [['2450', 'Rena']], 0.5),
  '3423': inn(['Koppang'], [['2480', 'Koppang']], 0.4),
  '3424': inn(['Bergset'], [['2485', 'Rendalen']], 0.3),
  '3425': inn(['Engerdal'], [['2440', 'Engerdal']], 0.3),
  '3426': inn(['Tolga'], [['2540', 'Tolga']], 0.3),
  '3427': inn(['Tynset'], [['2500', 'Tynset']], 0.6),
  '3428': inn(['Alvdal'], [['2560', 'Alvdal']], 0.3),
  '3429': inn(['Folldal'], [['2580', 'Folldal']], 0.2),
  '3430': inn(['Os'], [['2550', 'Os i Østerdalen']], 0.2),
  '3431': inn(['Dombås'], [['2660', 'Dombås']], 0.3),
  '3432': inn(['Lesja'], [['2665', 'Lesja']], 0.2),
  '3433': inn(['Bismo'], [['2690', 'Skjåk']], 0.2),
  '3434': inn(['Fossbergom'], [['2686', 'Lom']], 0.2),
  '3435': inn(['Vågåmo'], [['2680', 'Vågå']], 0.3),
  '3436': inn(['Vinstra'], [['2640', 'Vinstra']], 0.5),
  '3437': inn(['Otta'], [['2670', 'Otta']], 0.5),
  '3438': inn(['Hundorp'], [['2647', 'Sør-Fron']], 0.3),
  '3439': inn(['Ringebu'], [['2630', 'Ringebu']], 0.4),
  '3440': inn(['Tretten', 'Øyer'], [['2635', 'Tretten'], ['2636', 'Øyer']], 0.4),
  '3441': inn(['Segalstad bru', 'Follebu'], [['2651', 'Østre Gausdal'], ['2656', 'Follebu']], 0.4),
  '3442': inn(['Lena', 'Kapp', 'Skreia'], [['2850', 'Lena'], ['2847', 'Kolbu'], ['2848', 'Skreia']], 1.5),
  '3443': inn(['Raufoss', 'Reinsvoll', 'Eina'], [['2830', 'Raufoss'], ['2840', 'Reinsvoll'], ['2843', 'Eina']], 1.5),
  '3446': inn(['Jaren', 'Brandbu', 'Gran'], [['2750', 'Gran'], ['2760', 'Brandbu'], ['2770', 'Jaren']], 1.5),
  '3447': inn(['Hov'], [['2860', 'Hov']], 0.5),
  '3448': inn(['Dokka'], [['2870', 'Dokka']], 0.6),
  '3449': inn(['Bagn'], [['2930', 'Bagn']], 0.3),
  '3450': inn(['Etnedal'], [['2890', 'Etnedal']], 0.2),
  '3451': inn(['Fagernes', 'Aurdal'], [['2900', 'Fagernes'], ['2910', 'Aurdal']], 0.8),
  '3452': inn(['Slidre'], [['2966', 'Slidre']], 0.3),
  '3453': inn(['Heggenes'], [['2940', 'Heggenes']], 0.3),
  '3454': inn(['Vang i Valdres'], [['2975', 'Vang i Valdres']], 0.2),
};

/** Innlandet municipalities that take part at demo scale (all of them at national scale). */
export const DEMO_INNLANDET = ['3401', '3403', '3405', '3407', '3411', '3413', '3420', '3442', '3446', '3451'] as const;

/** Where a NAV office serving several municipalities sits (the municipality the office is in). */
export const NAV_OFFICE_HOST: Readonly<Record<string, string>> = {
  'NAV Solør': '3418',
  'NAV Nord-Østerdal': '3427',
  'NAV Midt-Gudbrandsdal': '3436',
  'NAV Land': '3448',
  'NAV Valdres': '3451',
  'NAV Hadeland': '3446',
  'NAV Lillehammer-Gausdal': '3405',
};

/** Oslo's adult learning centres (Oslo voksenopplæring) and the district each is in. */
export const OSLO_LEARNING_CENTRES = [
  ['Oslo voksenopplæring Rosenhof', 'OSLO-GRUNERLOKKA'],
  ['Oslo voksenopplæring Helsfyr', 'OSLO-GAMLE-OSLO'],
  ['Oslo voksenopplæring Skullerud', 'OSLO-OSTENSJO'],
  ['Oslo voksenopplæring Sinsen', 'OSLO-NORDRE-AKER'],
] as const;

/** How an Innlandet municipality's introduction unit tends to be named. */
export const INNLANDET_UNIT_PREFIX = ['Flyktningtjenesten', 'Introduksjonssenteret', 'Flyktningkontoret', 'Integreringstjenesten'] as const;

export const STREET_SUFFIXES = ['veien', 'gata', 'vegen', 'bakken'] as const;

export const GENERIC_STREETS = [
  'Storgata', 'Kirkegata', 'Parkveien', 'Skolegata', 'Industriveien', 'Sentrumsveien', 'Jernbanegata', 'Torggata',
  'Strandveien', 'Bekkeveien', 'Granveien', 'Bjørkeveien', 'Løkkaveien', 'Næringsveien', 'Hovedveien', 'Ringveien',
] as const;
