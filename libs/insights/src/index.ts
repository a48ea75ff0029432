export * from './domain/outcome.js';
export * from './domain/definitions.js';
export * from './domain/protected-cube.js';
export * from './domain/csv.js';
export * from './persistence/participant-outcome.entity.js';
export * from './application/outcomes.service.js';
export * from './application/insights.service.js';
export * from './insights.module.js';
