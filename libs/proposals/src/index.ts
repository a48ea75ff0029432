export * from './domain/proposal.js';
export * from './persistence/proposal.entity.js';
