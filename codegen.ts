import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the tests' operations, from the committed SDL: a test that asks for a field
 * the schema lacks fails to compile. `npm run codegen` regenerates tests/__generated__/.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['tests/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'tests/__generated__/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { enumsAsTypes: true, useTypeImports: true },
    },
  },
};

export default config;
