import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

/**
 * The layers that lint keeps (eslint.config.js): for every layer, an import it may not make is an error, and one it
 * may make is not. The probe files do not exist; ESLint lints the text as if it were there. `npm test` runs
 * `eslint . --max-warnings=0`, so any such import in the code fails it.
 */
const eslint = new ESLint({ cwd: resolve(__dirname, '../..') });

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(`${code}\nexport const probe = [x];\n`, { filePath: file });
  return r!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const FORBIDDEN: [string, string, RegExp][] = [
  ['src/ridge-rider/probe.ts', "import { x } from '../components/App';", /engines are pure/],
  ['src/es/probe.ts', "import type { x } from '../store/params';", /engines are pure/],
  ['src/math/probe.ts', "import { x } from '../compute/controller';", /engines are pure/],
  ['src/landscapes/probe.ts', "import { x } from '../protocol/messages';", /engines are pure/],
  ['src/problems/probe.ts', "import { x } from '../runners/ridgeSearch';", /engines are pure/],
  ['src/optimizers/probe.ts', "import { x } from 'react';", /engines are pure/],
  ['src/surface/probe.ts', "import { x } from '../store/params';", /surface and chart products are pure/],
  ['src/charts/probe.ts', "import { x } from 'd3-selection';", /surface and chart products are pure/],
  ['src/protocol/probe.ts', "import type { x } from '../store/params';", /engine and surface types only/],
  ['src/protocol/probe.ts', "import { x } from '../ridge-rider/settings';", /imports types only/],
  ['src/runners/probe.ts', "import { x } from '../render/surfaceView';", /runners run in workers/],
  ['src/experiments/probe.ts', "import { x } from '../store/experimentParams';", /experiments are figures/],
  ['src/platform/probe.ts', "import { x } from '../components/Header';", /wraps TF.js alone/],
  ['workers/probe.ts', "import { x } from '../src/render/surfaceView';", /workers import no render/],
  ['workers/probe.ts', "import { x } from '../src/store/appStore';", /workers import no render/],
  ['workers/probe.ts', "import { x } from '../src/compute/controller';", /workers import no render/],
  ['workers/probe.ts', "import { x } from '../src/components/App';", /workers import no render/],
  ['src/store/probe.ts', "import { x } from '../compute/controller';", /the store imports no compute/],
  ['src/store/probe.ts', "import { x } from '../render';", /the store imports no compute/],
  ['src/render/probe.ts', "import type { x } from '../store/params';", /renderers draw what they are given/],
  ['src/render/probe.ts', "import { x } from '../compute/controller';", /renderers draw what they are given/],
  ['src/compute/probe.ts', "import { x } from '../render/surfaceView';", /compute holds the main-thread clients/],
  ['src/cli/probe.ts', "import { x } from '../store/urlCodec';", /the CLI runs in Node/],
];

const ALLOWED: [string, string][] = [
  ['src/ridge-rider/probe.ts', "import { x } from '../math/vec';"],
  ['src/surface/probe.ts', "import { x } from 'd3-contour';"],
  ['src/protocol/probe.ts', "import type { x } from '../problems';"],
  ['src/runners/probe.ts', "import { x } from '../protocol/messages';"],
  ['src/experiments/probe.ts', "import { x } from '../runners/oneD';"],
  ['workers/probe.ts', "import { x } from '../src/runners/ridgeSearch';"],
  ['src/store/probe.ts', "import { x } from '../experiments';"],
  ['src/render/probe.ts', "import { x } from '../surface/coords';"],
  ['src/compute/probe.ts', "import { x } from '../store/appStore';"],
  ['src/components/probe.ts', "import { x } from '../render';"],
];

describe('lint keeps the layers', () => {
  for (const [file, code, message] of FORBIDDEN) {
    it(`${file}: ${code} is an error`, async () => {
      const found = await problems(file, code);
      expect(found.some((m) => message.test(m)), found.join('\n')).toBe(true);
    });
  }
  for (const [file, code] of ALLOWED) {
    it(`${file}: ${code} is allowed`, async () => {
      expect(await problems(file, code)).toEqual([]);
    });
  }
  it('engines may not draw unseeded random numbers', async () => {
    expect((await problems('src/es/probe.ts', 'const x = Math.random();')).join()).toMatch(/seeded rng/);
  });
});
