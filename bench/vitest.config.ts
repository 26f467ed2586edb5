// The benchmarks written as vitest files (they use src/ and the tests' fixtures): `npx vitest run --config bench/vitest.config.ts`.
// Not part of `npm test`, whose config (vitest.config.ts) includes test/ only.
import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['bench/**/*.test.ts'],
    testTimeout: 900_000,
    pool: 'forks',
  },
});
