import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const ENGINE_DIRS = ['src/math/**', 'src/landscapes/**', 'src/optimizers/**', 'src/gpu/**', 'src/ridge-rider/**', 'src/es/**', 'src/envs/**', 'src/experiments/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-output/**', 'bench-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/components/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Engines are pure: no UI imports and no unseeded randomness (architecture.md, conventions 1 and 3).
    files: ENGINE_DIRS,
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/components/**', '**/store/**', '**/render/**', 'react', 'react-dom', 'zustand', 'd3-*'], message: 'engines must not depend on the UI' },
      ] }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'inject a seeded rng instead' }],
    },
  },
);
