export * from './domain/areas.js';
export * from './domain/area-code.schema.js';
