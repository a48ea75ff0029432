export * from './errors.js';
export * from './validation.js';
export * from './language.js';
export * from './pagination.js';
export * from './sector.js';
export * from './collections.js';
export * from './timeout.js';
export * from './html.js';
