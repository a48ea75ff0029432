export * from './domain/audit.js';
export * from './persistence/audit-entry.entity.js';
export * from './application/audit-writer.js';
export * from './application/audit.service.js';
export * from './audit.module.js';
