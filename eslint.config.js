import js from '@eslint/js';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The layers of src (docs/architecture.md). Imports run down this list, never up: app/ composes
 * the features; a feature never imports a sibling; ui/, context/ and i18n/ are shared below the
 * features; db/ and sync/ below those; domain/ at the bottom. Imports inside one element (one
 * feature, one folder) are free; circles are caught by import-x/no-cycle below.
 */
const LAYERS = [
  { type: 'app', pattern: 'src/app/app' },
  { type: 'feature', pattern: 'src/app/features/*', capture: ['feature'] },
  { type: 'ui', pattern: 'src/app/ui' },
  { type: 'context', pattern: 'src/app/context' },
  { type: 'i18n', pattern: 'src/app/i18n' },
  { type: 'sync', pattern: 'src/app/sync' },
  { type: 'db', pattern: 'src/app/db' },
  { type: 'app-test', pattern: 'src/app/test' },
  { type: 'server', pattern: 'src/server' },
  { type: 'domain', pattern: 'src/domain' },
];

const MAY_IMPORT = {
  app: ['feature', 'ui', 'context', 'i18n', 'sync', 'db', 'domain'],
  feature: ['ui', 'context', 'i18n', 'sync', 'db', 'domain'],
  ui: ['context', 'i18n', 'sync', 'db', 'domain'],
  context: ['i18n', 'db', 'domain'],
  i18n: ['domain'],
  sync: ['db', 'domain'],
  db: ['domain'],
  'app-test': ['app', 'i18n', 'db', 'domain'],
  server: ['domain'],
  domain: [],
};

/** zod only through src/domain/jitless-zod.ts, which configures it before any schema exists. */
const ZOD = { name: 'zod', message: 'Import { z } from src/domain/jitless-zod.ts.' };
const DOMAIN_FORBIDS = ['**/app/**', '**/server/**', 'dexie', 'dexie-react-hooks', 'react'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'data', 'dev-dist', 'coverage', '.tmp', 'test-results'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': LAYERS,
      'boundaries/include': ['src/**/*'],
      'boundaries/files': [
        { category: 'test', pattern: '**/*.test.{ts,tsx}' },
        { category: 'test-kit', pattern: '**/*-test-kit.ts' },
      ],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message:
            '{{from.type}} may not import {{to.type}}: imports run app → features → ui/context/i18n → sync/db → domain (docs/architecture.md)',
          policies: [
            ...Object.entries(MAY_IMPORT).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: to } } } },
            })),
            // A test may use the shared test helpers and any feature's test kit (its builders).
            {
              from: { file: { categories: { anyOf: ['test', 'test-kit'] } } },
              allow: [
                { to: { element: { type: 'app-test' } } },
                { to: { file: { categories: 'test-kit' } } },
              ],
            },
          ],
        },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The functional core: no clock, storage, network, DOM or Node; no app or server code.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ZOD], patterns: [...DOMAIN_FORBIDS, 'node:*', 'fs', 'path'] },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'process',
        'localStorage',
        'indexedDB',
        'fetch',
        'navigator',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass "now" in as an argument.' },
        { object: 'Math', property: 'random', message: 'Pass random bytes in as an argument.' },
      ],
    },
  },
  {
    files: ['src/domain/jitless-zod.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: DOMAIN_FORBIDS }] },
  },
  {
    files: ['src/app/db/**', 'src/app/test/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ZOD], patterns: ['**/server/**'] }] },
  },
  {
    // Only src/app/db talks to Dexie.
    files: ['src/app/**/*.{ts,tsx}'],
    ignores: ['src/app/db/**', 'src/app/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dexie', message: 'Use src/app/db.' },
            { name: 'dexie-react-hooks', message: 'Use src/app/db/use-live-query.ts.' },
            ZOD,
          ],
          patterns: ['**/server/**'],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ZOD], patterns: ['**/app/**'] }] },
  },
);
