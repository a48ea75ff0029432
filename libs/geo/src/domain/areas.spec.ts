import { AreaCatalogue, estimatedTravelMinutes, haversineKm } from './areas.js';

const INNLANDET_2024 = [
  'Kongsvinger', 'Hamar', 'Lillehammer', 'Gjøvik', 'Ringsaker', 'Løten', 'Stange', 'Nord-Odal',
  'Sør-Odal', 'Eidskog', 'Grue', 'Åsnes', 'Våler', 'Elverum', 'Trysil', 'Åmot', 'Stor-Elvdal',
  'Rendalen', 'Engerdal', 'Tolga', 'Tynset', 'Alvdal', 'Folldal', 'Os', 'Dovre', 'Lesja', 'Skjåk',
  'Lom', 'Vågå', 'Nord-Fron', 'Sel', 'Sør-Fron', 'Ringebu', 'Øyer', 'Gausdal', 'Østre Toten',
  'Vestre Toten', 'Gran', 'Søndre Land', 'Nordre Land', 'Sør-Aurdal', 'Etnedal', 'Nord-Aurdal',
  'Vestre Slidre', 'Øystre Slidre', 'Vang',
];

describe('AreaCatalogue', () => {
  const catalogue = AreaCatalogue.default();

  it('has the 15 Oslo districts, each with its own NAV office', () => {
    const districts = catalogue.all().filter((a) => a.county === 'Oslo');
    expect(districts).toHaveLength(15);
    expect(districts.every((a) => a.kind === 'DISTRICT' && a.municipality === 'Oslo')).toBe(true);
    expect(new Set(districts.map((a) => a.navOffice)).size).toBe(15);
    expect(catalogue.get('OSLO-ALNA')).toMatchObject({ name: 'Alna', navOffice: 'NAV Alna' });
    expect(catalogue.byMunicipality('Oslo')).toHaveLength(15);
  });

  it('has all Innlandet municipalities with 2024 numbers (34xx)', () => {
    const municipalities = catalogue.all().filter((a) => a.county === 'Innlandet');
    expect(municipalities).toHaveLength(INNLANDET_2024.length);
    expect(municipalities.map((a) => a.name).sort()).toEqual([...INNLANDET_2024].sort());
    expect(municipalities.every((a) => a.kind === 'MUNICIPALITY' && /^34\d\d$/.test(a.code))).toBe(true);
    expect(catalogue.get('3403')).toMatchObject({ name: 'Hamar', municipality: 'Hamar', navOffice: 'NAV Hamar' });
    expect(catalogue.byMunicipality('Hamar').map((a) => a.code)).toEqual(['3403']);
  });

  it('has unique codes and plausible coordinates', () => {
    const all = catalogue.all();
    expect(new Set(all.map((a) => a.code)).size).toBe(all.length);
    for (const a of all) {
      expect(a.lat).toBeGreaterThan(59.5);
      expect(a.lat).toBeLessThan(62.8);
      expect(a.lon).toBeGreaterThan(8);
      expect(a.lon).toBeLessThan(12.6);
    }
  });

  it('lists distinct NAV offices, sorted', () => {
    const offices = catalogue.navOffices();
    expect(new Set(offices).size).toBe(offices.length);
    expect([...offices].sort((x, y) => x.localeCompare(y, 'nb'))).toEqual(offices);
    expect(offices).toContain('NAV Lillehammer-Gausdal');
    expect(offices).not.toContain('NAV Vest-Telemark');
    expect(catalogue.get('3441')?.navOffice).toBe('NAV Lillehammer-Gausdal');
  });

  it('computes realistic distances between area centres', () => {
    const alnaGrorud = catalogue.distanceKm('OSLO-ALNA', 'OSLO-GRORUD');
    expect(alnaGrorud).toBeDefined();
    expect(alnaGrorud).toBeGreaterThan(0);
    expect(alnaGrorud).toBeLessThan(6);

    const osloHamar = catalogue.distanceKm('OSLO-ST-HANSHAUGEN', '3403');
    expect(osloHamar).toBeGreaterThan(95);
    expect(osloHamar).toBeLessThan(125);

    expect(catalogue.distanceKm('3403', 'OSLO-ST-HANSHAUGEN')).toBeCloseTo(osloHamar ?? NaN, 9);
    expect(catalogue.distanceKm('3405', '3405')).toBe(0);
  });

  it('returns undefined for unknown codes', () => {
    expect(catalogue.get('OSLO-ATLANTIS')).toBeUndefined();
    expect(catalogue.has('OSLO-ATLANTIS')).toBe(false);
    expect(catalogue.has('OSLO-ALNA')).toBe(true);
    expect(catalogue.distanceKm('OSLO-ALNA', '9999')).toBeUndefined();
    expect(catalogue.distanceKm('9999', 'OSLO-ALNA')).toBeUndefined();
    expect(catalogue.byMunicipality('Bergen')).toEqual([]);
  });
});

describe('haversineKm', () => {
  it('is zero on the same point', () => {
    expect(haversineKm(59.927, 10.738, 59.927, 10.738)).toBe(0);
  });

  it('is symmetric', () => {
    const ab = haversineKm(59.927, 10.738, 61.115, 10.466);
    const ba = haversineKm(61.115, 10.466, 59.927, 10.738);
    expect(ab).toBeCloseTo(ba, 9);
  });

  it('gives about 111 km per degree of latitude', () => {
    expect(haversineKm(60, 10, 61, 10)).toBeCloseTo(111.2, 0);
  });
});

describe('estimatedTravelMinutes', () => {
  it('follows the documented model', () => {
    expect(estimatedTravelMinutes(0, 'PUBLIC_TRANSPORT')).toBe(10);
    expect(estimatedTravelMinutes(4, 'PUBLIC_TRANSPORT')).toBe(20);
    expect(estimatedTravelMinutes(10, 'CAR')).toBe(17);
    expect(estimatedTravelMinutes(-3, 'CAR')).toBe(5);
  });

  it('is faster by car than by public transport for the same distance', () => {
    expect(estimatedTravelMinutes(30, 'CAR')).toBeLessThan(estimatedTravelMinutes(30, 'PUBLIC_TRANSPORT'));
  });
});
