import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Vite would resolve `graphql` to its development build while Pothos and Yoga, loaded by
// Node, get the production one: two realms, and "Cannot use GraphQLSchema from another
// module or realm". Pin every import to the file Node resolves.
const graphql = fileURLToPath(import.meta.resolve('graphql'));
const alias = [{ find: /^graphql$/, replacement: graphql }];
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', root, include: ['test/unit/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          root,
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          root,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
