export * from './domain/org-number.js';
export * from './persistence/employer.entity.js';
export * from './persistence/employer-site.entity.js';
export * from './persistence/employer-contact.entity.js';
export * from './application/employers.service.js';
export * from './graphql/employer.model.js';
export * from './graphql/employer.loaders.js';
export * from './employers.module.js';
