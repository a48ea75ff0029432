export * from './domain/occupation-catalogue.js';
export * from './domain/occupation-code.schema.js';
export * from './graphql/occupations.resolver.js';
