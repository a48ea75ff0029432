export * from './actor.js';
export * from './access-policy.js';
export * from './access.module.js';
