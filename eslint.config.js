import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The layers, bottom up, and what each may not import (one rule per layer; test/unit/layers.test.ts proves each):
 *   engines        math, landscapes, optimizers, es, gpu, ridge-rider, envs, problems, data: pure numerics and data formats, no randomness but a seeded rng
 *   nn             TF.js networks and their Hessian-vector products: engines and TF.js
 *   surface/charts the pure drawing products (pixels, paths, layouts), shared by workers and renderers
 *   protocol       the messages between the UI and the workers: engine and surface types only
 *   runners        the loops that run inside workers (and the CLI): engines, protocol, surface
 *   experiments    the figures: engines, problems, runners
 *   platform       the TF.js backend chain
 *   workers        thin worker entries
 *   store          zustand slices and the URL codec
 *   render         d3 renderers (the DOM)
 *   compute        the main-thread clients of the workers
 *   components     React
 *   cli, bench     Node and benchmark entries
 */
const UI = ['components', 'store', 'render', 'compute'];
const WORKER_SIDE = ['runners', 'experiments', 'platform', 'workers'];
const DRAWING = ['surface', 'charts'];
const DOM_LIBS = ['react', 'react-dom', 'zustand', 'zustand/*', 'd3-selection', 'd3-zoom'];

/** Import patterns of folders (the folder itself, for its index, and every file in it). */
const folders = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`]);

/** One layer: its files, the folders and packages they may not import (types included), and why. */
const layer = (files, forbidden, message, rules = {}) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }], ...rules },
});

const seededOnly = { 'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'inject a seeded rng instead' }] };
const under = (...names) => names.map((n) => `src/${n}/**`);

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
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  layer(under('math', 'landscapes', 'optimizers', 'es', 'gpu', 'ridge-rider', 'envs', 'problems', 'data'),
    [...folders(...UI, 'protocol', ...WORKER_SIDE, ...DRAWING), ...DOM_LIBS, 'd3-*'],
    'engines are pure: they import no UI, store, compute, protocol, drawing or worker-side code', seededOnly),
  layer(under(...DRAWING), [...folders(...UI, 'protocol', ...WORKER_SIDE), ...DOM_LIBS],
    'surface and chart products are pure: no DOM, UI, store, compute, protocol or worker-side code', seededOnly),
  layer(under('protocol'), [...folders(...UI, ...WORKER_SIDE, 'charts'), ...DOM_LIBS, 'd3-*'],
    'the protocol declares messages of engine and surface types only', {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../*'], allowTypeImports: true, message: 'the protocol imports types only (import type …)' }] }],
    }),
  layer(under('runners'), [...folders(...UI, 'experiments', 'workers', 'charts'), ...DOM_LIBS],
    'runners run in workers and Node: no UI, store, compute, charts, experiments or worker entries', seededOnly),
  layer(under('experiments'), [...folders(...UI, 'protocol', 'platform', 'workers', ...DRAWING), ...DOM_LIBS, 'd3-*'],
    'experiments are figures over the engines and runners: no UI, store, compute, protocol, platform or drawing code', seededOnly),
  layer(under('platform'), [...folders(...UI, 'protocol', ...WORKER_SIDE.filter((f) => f !== 'platform'), ...DRAWING), ...DOM_LIBS],
    'the platform layer wraps TF.js alone'),
  layer(under('nn'), [...folders(...UI, 'protocol', 'runners', 'experiments', 'workers', ...DRAWING), ...DOM_LIBS, 'd3-*'],
    'network code (TF.js models, H v) runs in workers and Node: no UI, store, compute, protocol, drawing or worker loops', seededOnly),
  layer(['workers/**'], [...folders(...UI, 'charts'), ...DOM_LIBS],
    'workers import no render, store, compute, components or charts'),
  layer(under('store'), [...folders('compute', 'render', 'components', 'workers'), 'react', 'react-dom', 'd3-selection', 'd3-zoom'],
    'the store imports no compute, render, components or workers'),
  layer(under('render'), [...folders('store', 'compute', 'components', 'workers', 'runners', 'experiments', 'platform'), 'react', 'react-dom', 'zustand', 'zustand/*'],
    'renderers draw what they are given: no store, compute, components or worker-side code'),
  layer(under('compute'), [...folders('render', 'components', 'charts', 'runners', 'experiments', 'workers'), 'react', 'react-dom', 'd3-*'],
    'compute holds the main-thread clients of the workers: no render, components or worker-side code'),
  layer(under('cli'), [...folders(...UI, 'workers', 'charts'), ...DOM_LIBS],
    'the CLI runs in Node over the engines: no UI, store, compute or workers'),
);
