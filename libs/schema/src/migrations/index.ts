import { Initial1795333992398 } from './1795333992398-Initial.js';

/** Migrations in order; add each new generated migration here. */
export const MIGRATIONS = [Initial1795333992398];
