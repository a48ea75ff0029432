// `npm run test:faults`: the fault-tolerance suite (test/faults/*.fault.ts). Same ESM + SWC set-up as the root
// config, but only *.fault.ts and no global database reset: every fault test brings its own private PostgreSQL
// cluster, redis-server or dedicated database, and removes them again.
import base from '../../jest.config.js';

export default {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.fault.ts'],
  globalSetup: undefined,
  maxWorkers: 1,
  testTimeout: 180_000,
  // Fault tests print their figures; keep Jest from interleaving its progress with them.
  verbose: true,
};
