export * from './domain/placement.js';
export * from './persistence/placement.entity.js';
export * from './application/placements.service.js';
export * from './graphql/placement.model.js';
export { toPlacement, loadPlacement } from './graphql/placements.resolver.js';
export * from './placements.module.js';
