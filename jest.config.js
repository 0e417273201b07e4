// NestJS 12 and graphql-upload ship as ES modules only; jest's CommonJS runtime on Node 20 cannot
// require() them, so they are compiled to CommonJS with swc on the fly.
const esmOnly = ['@nestjs', 'graphql-upload', 'fs-capacitor', 'openid-client', 'oauth4webapi', 'jose'];

const common = {
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  rootDir: __dirname,
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.m?js$': [
      '@swc/jest',
      { module: { type: 'commonjs' }, jsc: { target: 'es2022', parser: { syntax: 'ecmascript' } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      // test/support holds the test PKI and other helpers, with their own specs.
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/test/support/**/*.spec.ts',
        '<rootDir>/bench/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/e2e/setup/global-teardown.ts',
      setupFiles: ['<rootDir>/test/e2e/setup/per-file.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/e2e/setup/timeout.ts'],
    },
    // Against the cluster of scripts/cluster/up.sh only (`npm run test:cluster`).
    { ...common, displayName: 'cluster', testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'] },
  ],
};
