export * from './entities.js';
export * from './migrations/index.js';
export { createDataSource } from './data-source.js';
export * from './database.module.js';
