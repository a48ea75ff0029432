export * from './persistence/organisation.entity.js';
export * from './persistence/user.entity.js';
export * from './application/organisations.service.js';
export * from './graphql/organisation.model.js';
export { loadOrganisation, loadUser } from './graphql/organisations.resolver.js';
export * from './organisations.module.js';
