import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const INTERFACE_PACKAGES = [
  'express',
  'express/*',
  'commander',
  'ink',
  'ink/*',
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'ui/dist/**',
      'coverage/**',
      '.test-results/**',
      'ui/src/api/schema.gen.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // The core knows nothing of its interfaces (style.md §1).
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: INTERFACE_PACKAGES,
              message: 'src/ must not import an interface library (express, commander, ink, react).',
            },
            {
              group: ['**/cli/**', '**/server/**', '**/ui/**', '../../cli/*', '../../server/*', '../../ui/*'],
              message: 'src/ must not import cli/, server/ or ui/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Interfaces reach the core only through its public entry points.
    files: ['cli/**/*.ts', 'cli/**/*.tsx', 'server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+src/(?!index\\.js$|[a-z-]+/index\\.js$)',
              message: 'Import the core through src/index.js or src/<module>/index.js.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
