export * from './application/privacy.service.js';
export * from './application/queue-janitor.js';
export * from './privacy.module.js';
