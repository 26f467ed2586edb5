import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // GitHub's workflow parser imports its schema JSON without an import attribute: let Vite load it (test/review/ci-templates).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
