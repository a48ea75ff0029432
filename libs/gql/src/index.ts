export * from './context.js';
export * from './current-actor.decorator.js';
export * from './connection.js';
export * from './error-formatter.js';
export * from './enums.js';
export * from './storable-input.js';
