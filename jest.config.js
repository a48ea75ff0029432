// ESM Jest: NestJS 12 ships as ES modules, so tests run as ESM (NODE_OPTIONS=--experimental-vm-modules)
// and TypeScript is compiled by SWC with decorator metadata, exactly like tsc does for the build.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // ESM-only packages that CommonJS dependencies require(); Node 20 can, Jest's loader cannot.
    'node_modules/(content-disposition|cookie)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie)/)'],
  moduleNameMapper: {
    // graphql-js ships .mjs and .js side by side; Node resolves both to index.js, Jest must too (one instance).
    '^graphql$': '<rootDir>/node_modules/graphql/index.js',
    '^graphql/(error|type|language|execution|utilities|validation)$': '<rootDir>/node_modules/graphql/$1/index.js',
    '^#lib/([^/]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  maxWorkers: 1,
  testTimeout: 30000,
};
