export * from './snake-naming.strategy.js';
export * from './data-source-options.js';
export * from './migrate.js';
export * from './query-counter.js';
export * from './row-scope.js';
