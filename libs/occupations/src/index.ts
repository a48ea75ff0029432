export * from './domain/occupation-catalogue.js';
export * from './graphql/occupations.resolver.js';
