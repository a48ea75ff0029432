import { z } from 'zod';
import { OccupationCatalogue } from './occupation-catalogue.js';

/** An occupation code the API accepts: a STYRK-08 code of the occupation list. */
export const occupationCodeSchema = z.string().refine((c) => OccupationCatalogue.default().has(c), 'is not a STYRK-08 code in the occupation list');
