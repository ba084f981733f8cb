import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliAsync } from '../../src/cli/runCli';
import { normalFill, rngFromSeed } from '../../src/math/rng';
import { symEig } from '../../src/math/symEig';
import { createHvpOperator } from '../../src/nn/hvp';
import { initParams, modelToJson, parseModelJson, type MlpSpec } from '../../src/nn/mlpSpec';
import { initTfBackend } from '../../src/platform/tfBackend';

describe('CLI: mlp-train and hessian', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ridgelab-nn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('mlp-train learns MNIST in a few hundred steps and writes a model the hessian command reads', async () => {
    const out = join(dir, 'model.json');
    const r = await runCliAsync(['mlp-train', '--layers', '784,16,10', '--steps', '150', '--eval', '1000', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    for (const key of ['train_accuracy', 'test_accuracy', 'train_loss', 'test_loss', 'steps_per_second', 'backend']) expect(j).toHaveProperty(key);
    expect(j.backend).toBe('wasm');
    expect(j.test_accuracy).toBeGreaterThan(0.75);
    expect(j.train_loss).toBeLessThan(1);
    const model = parseModelJson(JSON.parse(readFileSync(out, 'utf8')));
    expect(model.spec).toEqual({ layers: [784, 16, 10], activation: 'relu' });
    const h = JSON.parse((await runCliAsync(['hessian', '--model', out, '--samples', '100', '--k', '2', '--json'])).stdout);
    expect(h.n_params).toBe(784 * 16 + 16 + 16 * 10 + 10);
    expect(h.eigenvalues).toHaveLength(2);
    expect(h.converged).toBe(true);
    h.residuals.forEach((x: number) => expect(x).toBeLessThan(1e-3 * Math.max(1, Math.abs(h.eigenvalues[1]))));
  });

  it('hessian: the eigenvalues of a tiny tanh network match its dense Hessian; the density integrates to 1', async () => {
    const spec: MlpSpec = { layers: [3, 4, 2], activation: 'tanh' };
    const rng = rngFromSeed(8);
    const params = initParams(spec, rng);
    const x = Array.from({ length: 12 }, () => Array.from(normalFill(rng, new Float64Array(3))));
    const y = x.map((_, i) => i % 2);
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(modelToJson(spec, params)));
    writeFileSync(join(dir, 'data.json'), JSON.stringify({ x, y }));
    const r = await runCliAsync(['hessian', '--model', join(dir, 'tiny.json'), '--data', join(dir, 'data.json'), '--k', '2', '--which', 'both', '--tol', '1e-6', '--density', '--backend', 'cpu', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.backend).toBe('cpu');
    await initTfBackend(['cpu']);
    const op = createHvpOperator(spec, params, { x: Float32Array.from(x.flat()), labels: y });
    const n = op.n;
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) { const e = new Float64Array(n); e[i] = 1; h.set(await op.hvp(e), i * n); }
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) { const a = 0.5 * (h[i * n + k]! + h[k * n + i]!); h[i * n + k] = a; h[k * n + i] = a; }
    const dense = Array.from(symEig(h, n).values);
    op.dispose();
    const want = [dense[0]!, dense[1]!, dense[n - 2]!, dense[n - 1]!];
    j.eigenvalues.forEach((v: number, i: number) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want[i]!))));
    const grid: number[] = j.density.grid;
    let mass = 0;
    for (let i = 1; i < grid.length; i++) mass += 0.5 * (j.density.values[i] + j.density.values[i - 1]) * (grid[i]! - grid[i - 1]!);
    expect(mass).toBeCloseTo(1, 2);
  });

  it('bad models, data and options exit 2 with one line', async () => {
    const spec: MlpSpec = { layers: [3, 2], activation: 'relu' };
    const good = modelToJson(spec, initParams(spec, rngFromSeed(1)));
    const file = (name: string, body: string) => { writeFileSync(join(dir, name), body); return join(dir, name); };
    const model = file('good.json', JSON.stringify(good));
    const data = file('d.json', JSON.stringify({ x: [[1, 2, 3], [0, 1, 0]], y: [0, 1] }));
    const cases: [string[], RegExp][] = [
      [['--model', file('broken.json', '{"layers": [3, 2]')], /JSON/],
      [['--model', file('shape.json', JSON.stringify({ ...good, biases: [[1, 2, 3]] }))], /biases\[0\] must have 2 numbers/],
      [['--model', file('nan.json', JSON.stringify({ ...good, weights: [[[1, null], [0, 0], [0, 0]]] }))], /weights\[0\]\[0\]\[1\] is null, not a finite number/],
      [['--model', model, '--data', file('lab.json', JSON.stringify({ x: [[1, 2, 3]], y: [5] }))], /y\[0\] is 5, not a class from 0 to 1/],
      [['--model', model, '--data', file('wide.json', JSON.stringify({ x: [[1, 2]], y: [0] }))], /x\[0\] must have 3 numbers/],
      [['--model', model, '--data', data, '--k', '9'], /more eigenpairs than the network's 8 parameters/],
      [['--model', join(dir, 'missing.json')], /ENOENT|no such file/],
      [['--model', model, '--data', data, '--hvp', 'exact'], /unknown --hvp "exact"/],
    ];
    for (const [args, re] of cases) {
      const r = await runCliAsync(['hessian', ...args, '--backend', 'cpu']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(re);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
    expect((await runCliAsync(['mlp-train', '--layers', '784,10,9', '--steps', '1'])).stderr).toMatch(/784 inputs and 10 outputs/);
  });
});
