/** @type {import('jest').Config} */
const swc = ['@swc/jest', {
  jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
  module: { type: 'commonjs' },
}];
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/providers', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)s$': swc },
  // ESM-only dependencies are compiled to CJS for jest's loader on Node 20
  // (see ../shared/reference/toolchain.md §2.3).
  transformIgnorePatterns: ['/node_modules/(?!(p-retry|is-network-error|@seriousme)/)'],
  testTimeout: 20000,
};
