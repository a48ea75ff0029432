export * from './domain/areas.js';
