/**
 * `npm run bench:nn [-- options]`: the network half in Node, per TF.js backend (wasm and cpu); prints figures and
 * never asserts timings.
 *   hvp      ms per Hessian-vector product (double backprop, and finite differences) of the default network
 *            784-128-128-10 relu at batch 256, 1024 and, unless --quick, the full training set (60,000);
 *   train    training steps per second (Adam, batch 128);
 *   lanczos  products and seconds to reach a relative residual of 1e-4 on the 6 most negative eigenpairs (batch 1024),
 *            with and without the deflated search for missed repeats.
 * The network is the seeded initial one after --train-steps (200) Adam steps on wasm, the same for every backend.
 * Options: --backends wasm,cpu, --runs N (3), --quick, --json.
 */
import { performance } from 'node:perf_hooks';
import { median } from '../bench/benchTypes';
import { lanczosAsync } from '../math/lanczos';
import { normalFill, rngFromSeed } from '../math/rng';
import { firstExamples, mnistDataset } from '../nn/dataset';
import { createHvpOperator, type HvpMethod } from '../nn/hvp';
import { initParams, type MlpSpec } from '../nn/mlpSpec';
import { trainMlp, TRAIN_DEFAULTS } from '../nn/train';
import { initTfBackend } from '../platform/tfBackend';
import { loadMnistNode } from './mnistNode';

const say = (s: string): void => { process.stderr.write(`${s}\n`); };

async function main(argv: readonly string[]): Promise<void> {
  let backends = ['wasm', 'cpu'];
  let runs = 3;
  let quick = false;
  let asJson = false;
  let trainSteps = 200;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') asJson = true;
    else if (a === '--quick') quick = true;
    else if (a === '--backends') backends = argv[++i]!.split(',');
    else if (a === '--runs') runs = Number(argv[++i]);
    else if (a === '--train-steps') trainSteps = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}; use --backends, --runs, --train-steps, --quick, --json`);
  }
  const spec: MlpSpec = { layers: [784, 128, 128, 10], activation: 'relu' };
  const train = mnistDataset(loadMnistNode('train'));
  await initTfBackend(['wasm', 'cpu']);
  say(`training the bench network (${trainSteps} Adam steps) …`);
  const trained = await trainMlp(spec, initParams(spec, rngFromSeed(1)), train, { ...TRAIN_DEFAULTS, steps: trainSteps });
  const params = trained.params;
  const batches = quick ? [256, 1024] : [256, 1024, 60_000];
  const rows: Record<string, unknown>[] = [];
  for (const backend of backends) {
    const choice = await initTfBackend([backend]);
    if (choice.name !== backend) { say(`${backend}: not available (${choice.tried.map((t) => t.error).join('; ')})`); continue; }
    const row: Record<string, unknown> = { backend };
    for (const n of batches) {
      for (const method of ['autodiff', 'fd'] as HvpMethod[]) {
        if (n === 60_000 && (method === 'fd' || backend === 'cpu')) continue;
        say(`${backend}: H v by ${method} at batch ${n} …`);
        const op = createHvpOperator(spec, params, firstExamples(train, n), method);
        const v = normalFill(rngFromSeed(2), new Float64Array(op.n));
        await op.hvp(v);
        const t: number[] = [];
        for (let r = 0; r < (n === 60_000 ? 1 : runs); r++) { const t0 = performance.now(); await op.hvp(v); t.push(performance.now() - t0); }
        op.dispose();
        row[`hvp_${method}_${n}_ms`] = median(t);
      }
    }
    say(`${backend}: training steps/s …`);
    const steps = backend === 'cpu' ? 20 : 100;
    row.train_steps_per_second = (await trainMlp(spec, params, train, { ...TRAIN_DEFAULTS, steps })).stepsPerSecond;
    if (backend === 'wasm') {
      for (const verify of [true, false]) {
        say(`${backend}: Lanczos, 6 most negative to 1e-4 (verify ${verify}) …`);
        const op = createHvpOperator(spec, params, firstExamples(train, 1024));
        const t0 = performance.now();
        const r = await lanczosAsync(op.n, (x) => op.hvp(x), { k: 6, which: 'smallest', tol: 1e-4, verify, maxMatvecs: 3000 });
        op.dispose();
        row[`lanczos${verify ? '' : '_noverify'}`] = { matvecs: r.matvecs, seconds: (performance.now() - t0) / 1000, converged: r.converged, eigenvalues: Array.from(r.values) };
      }
    }
    rows.push(row);
  }
  if (asJson) { process.stdout.write(`${JSON.stringify({ node: process.version, network: spec, train_steps: trainSteps, rows })}\n`); return; }
  const lines = [`The network half in Node ${process.version}: ${spec.layers.join('-')} ${spec.activation} (${params.length} parameters) after ${trainSteps} Adam steps; medians of ${runs}`, ''];
  for (const r of rows) {
    lines.push(`${String(r.backend)}:`);
    for (const n of batches) {
      const ad = r[`hvp_autodiff_${n}_ms`] as number | undefined;
      const fd = r[`hvp_fd_${n}_ms`] as number | undefined;
      if (ad === undefined) continue;
      lines.push(`  H v at batch ${String(n).padStart(5)}: double backprop ${ad.toFixed(1)} ms${fd !== undefined ? `, finite differences ${fd.toFixed(1)} ms (${(ad / fd).toFixed(2)}x)` : ''}`);
    }
    lines.push(`  training: ${(r.train_steps_per_second as number).toFixed(1)} steps/s (Adam, batch 128)`);
    for (const key of ['lanczos', 'lanczos_noverify']) {
      const l = r[key] as { matvecs: number; seconds: number; converged: boolean; eigenvalues: number[] } | undefined;
      if (l) lines.push(`  Lanczos, 6 most negative to 1e-4 at batch 1024${key === 'lanczos' ? '' : ' (no deflated search)'}: ${l.matvecs} products, ${l.seconds.toFixed(1)} s${l.converged ? '' : ' (not converged)'}; λ = ${l.eigenvalues.map((x) => x.toPrecision(3)).join(', ')}`);
    }
  }
  lines.push('', 'Anchor: Ghorbani et al. (2019) report 1.28 s per full-MNIST H v for a 1.86M-parameter MLP on a GPU.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exitCode = 2;
});
