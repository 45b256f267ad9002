import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the dashboard. The output is committed; `npm run codegen:check` fails
 * when it is stale. Kept free of TS `enum`s (string-literal unions only) so the generated code
 * is erasable syntax like everything else.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['web/src/**/*.{ts,svelte}', '!web/src/lib/graphql/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/lib/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumType: 'string-literal',
        scalars: { DateTime: 'string', JSON: 'unknown' },
        strictScalars: true,
        useTypeImports: true,
        importExtension: '.ts',
      },
    },
  },
};

export default config;
