/** Sectors that take participants; the same values classify occupations, employers and placements. */
export const SECTORS = [
  'KINDERGARTEN', 'HEALTH_CARE', 'HOME_CARE', 'RETAIL', 'RESTAURANT', 'HOTEL', 'CLEANING', 'CONSTRUCTION',
  'CANTEEN', 'IT', 'TRANSPORT', 'MANUFACTURING', 'AGRICULTURE', 'EDUCATION', 'OFFICE', 'OTHER',
] as const;
export type Sector = (typeof SECTORS)[number];
