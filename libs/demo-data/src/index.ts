export {
  seedDemoData,
  insertDemoData,
  countRows,
  generateDemoData,
  DemoDataPresentError,
  type SeedOptions,
} from './generator.js';
export * from './model.js';
export { Rng, deriveSeed, hash32 } from './random.js';
