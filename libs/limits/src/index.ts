export * from './limit-errors.js';
export * from './aliases.rule.js';
export * from './query-cost.js';
export * from './graphql-limits.js';
export * from './rate-limit.js';
