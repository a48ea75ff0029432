export * from './jwt.js';
export * from './token.service.js';
export * from './actor.loader.js';
export * from './auth.module.js';
export * from './bearer.js';
