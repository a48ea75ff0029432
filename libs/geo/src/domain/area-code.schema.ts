import { z } from 'zod';
import { AreaCatalogue } from './areas.js';

/** An area code the API accepts: a district or municipality of the catalogue. */
export const areaCodeSchema = z.string().refine((c) => AreaCatalogue.default().has(c), 'is not a known district or municipality code');
