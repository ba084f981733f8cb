import { useEffect, useRef } from 'react';
import { coloredSliceChart } from '../render/rrCharts';
import { createPlotBox, type PlotBox } from '../render/studyCharts';
import { COLORED_CHANCE, COLORED_OPTIMUM, IRM_REPOSITORY, RR_PAPER, type ColoredReference } from '../data/coloredReference';
import type { ColoredSampleEnv } from '../data/coloredSamples';
import { interval95 } from '../math/interval95';
import type { ColoredRow, ColoredTableMethod } from '../protocol/nn';
import { countOf } from './countOf';
import { useAppStore } from './StoreContext';

const SIDE = 14;
const SCALE = 4;
const PER_ROW = 8;
/** Height of the label line under each image (digit → label), in canvas pixels. */
const LABEL = 16;

const ENV_TEXT: Readonly<Record<ColoredSampleEnv['name'], string>> = { 'train-1': 'Training environment 1', 'train-2': 'Training environment 2', test: 'Test environment' };

/** An environment's first images in their colour (red: colour 1, green: colour 0), with the label under each. */
function EnvSamples({ env }: { env: ColoredSampleEnv }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const n = env.labels.length;
  const rows = Math.ceil(n / PER_ROW);
  const cell = SIDE * SCALE + 4;
  useEffect(() => {
    const c = ref.current!.getContext('2d');
    if (!c) return;
    c.clearRect(0, 0, PER_ROW * cell, rows * (cell + LABEL));
    const img = c.createImageData(SIDE, SIDE);
    const scratch = document.createElement('canvas');
    scratch.width = SIDE; scratch.height = SIDE;
    const sc = scratch.getContext('2d')!;
    c.imageSmoothingEnabled = false;
    c.font = '600 12px system-ui, sans-serif';
    c.textAlign = 'center';
    for (let k = 0; k < n; k++) {
      const red = env.colours[k] === 1;
      for (let p = 0; p < SIDE * SIDE; p++) {
        const v = env.images[k * SIDE * SIDE + p]!;
        img.data.set(red ? [v, 0, 0, 255] : [0, v, 0, 255], 4 * p);
      }
      sc.putImageData(img, 0, 0);
      const x = (k % PER_ROW) * cell;
      const y = Math.floor(k / PER_ROW) * (cell + LABEL);
      c.drawImage(scratch, x + 2, y + 2, SIDE * SCALE, SIDE * SCALE);
      c.fillStyle = env.labels[k] === (env.digits[k]! >= 5 ? 1 : 0) ? '#e8e8e8' : '#ff8c8c';
      c.fillText(`${env.digits[k]}→y=${env.labels[k]}`, x + cell / 2, y + cell + 12);
    }
  }, [env, n, rows, cell]);
  return (
    <figure className="colored-env" data-testid={`colored-env-${env.name}`}>
      <figcaption>
        <b>{ENV_TEXT[env.name]}</b>: {env.size.toLocaleString('en-US')} images; the colour agrees with the label for {(100 * env.colourAgreement).toFixed(1)}%
        (flip {env.colourFlip}), the label with the digit for {(100 * (1 - env.labelNoise)).toFixed(1)}%.
      </figcaption>
      <canvas ref={ref} width={PER_ROW * cell} height={rows * (cell + LABEL)} aria-label={`The first ${n} images of ${ENV_TEXT[env.name]}, red for colour 1 and green for colour 0, with digit and label`} />
    </figure>
  );
}

const fmt = (r: { mean: number; ci95: number }, n: number) => (n === 0 ? '—' : n === 1 ? r.mean.toFixed(1) : `${r.mean.toFixed(1)} ± ${r.ci95.toFixed(1)}`);
const ref = (r: ColoredReference | undefined, key: 'train' | 'test') => (r ? `${r[key].toFixed(1)}${r[`${key}Pm`] !== undefined ? ` ± ${r[`${key}Pm`]}` : ''}` : '—');

const METHOD_TEXT: Readonly<Record<ColoredTableMethod, string>> = {
  rr: 'Ridge Rider (chosen on validation)', erm: 'ERM', irm: 'IRM (IRMv1)', grayscale: 'Grayscale oracle (no colour)',
};

/** Short names for the progress line. */
const METHOD_NAME: Readonly<Record<ColoredTableMethod, string>> = { rr: 'Ridge Rider', erm: 'ERM', irm: 'IRM', grayscale: 'grayscale' };

/** Table 1: our runs so far beside the published numbers. */
function ColoredTable({ rows, methods, limit }: { rows: readonly ColoredRow[]; methods: readonly ColoredTableMethod[]; limit: number }) {
  const line = (label: string, rs: readonly ColoredRow[], acc: (r: ColoredRow) => { train: number; test: number }, paper?: ColoredReference, irm?: ColoredReference) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{rs.length}</td>
      <td>{fmt(interval95(rs.map((r) => acc(r).train)), rs.length)}</td>
      <td>{fmt(interval95(rs.map((r) => acc(r).test)), rs.length)}</td>
      <td>{ref(paper, 'train')}</td><td>{ref(paper, 'test')}</td>
      <td>{ref(irm, 'train')}</td><td>{ref(irm, 'test')}</td>
    </tr>
  );
  const of = (m: ColoredTableMethod) => rows.filter((r) => r.method === m);
  return (
    <div className="colored-table-wrap">
      <p className="hint scroll-hint">The table is wider than the screen: swipe it sideways for the paper’s and the IRM reference’s numbers.</p>
      <table className="runs colored-table" data-testid="colored-table">
        <thead>
          <tr><th rowSpan={2}>method</th><th rowSpan={2}>runs</th><th colSpan={2}>ours, {limit.toLocaleString('en-US')} images per environment</th><th colSpan={2}>Ridge Rider paper</th><th colSpan={2}>IRM reference</th></tr>
          <tr><th>train</th><th>test</th><th>train</th><th>test</th><th>train</th><th>test</th></tr>
        </thead>
        <tbody>
          {methods.map((m) => line(METHOD_TEXT[m], of(m), (r) => r, m === 'grayscale' ? undefined : RR_PAPER[m], m === 'rr' ? undefined : IRM_REPOSITORY[m]))}
          {methods.includes('rr') && line('Ridge Rider, best candidate on test *', of('rr'), (r) => r.oracle ?? { train: Number.NaN, test: Number.NaN })}
          <tr><th scope="row">Chance</th><td /><td>{COLORED_CHANCE}</td><td>{COLORED_CHANCE}</td><td colSpan={4} /></tr>
          <tr><th scope="row">Optimum (an invariant classifier)</th><td /><td>{COLORED_OPTIMUM}</td><td>{COLORED_OPTIMUM}</td><td colSpan={4} /></tr>
        </tbody>
      </table>
      <p className="hint" data-testid="colored-table-caption">
        {limit < 25_000 && <b>Ours come from {limit.toLocaleString('en-US')} images per environment, the papers’ from 25,000: not comparable. </b>}
        Accuracy (%). Ours and the Ridge Rider paper’s: mean ± 95% interval over runs; the IRM reference’s: mean ± one standard deviation over 10 restarts.
        The table exports as CSV or JSON (the buttons at the top); a Ridge Rider run’s loss slice, below it, as PNG or SVG.
        {methods.includes('rr') && <> * An oracle, chosen by looking at the test set, where the colour is mostly reversed: a train accuracy below 50 means it
          predicts against the colour, not that it ignores it.</>}
      </p>
    </div>
  );
}

/** The latest Ridge Rider run's slice through two ridges at its MIS, with its candidates. */
function SliceBox({ row, onBox }: { row: ColoredRow; onBox: (box: PlotBox | null) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const ask = useAppStore((s) => s.netAsk);
  useEffect(() => {
    const box = createPlotBox(ref.current!);
    box.draw((w, h) => coloredSliceChart(row, w, h));
    onBox(box);
    return () => { onBox(null); box.destroy(); };
  }, [row, onBox]);
  return (
    <figure className="colored-slice">
      <div ref={ref} className="plot-box" data-testid="colored-slice" />
      <figcaption className="hint">
        Ridge Rider, run {row.run + 1}: the training loss at its starting point (the MIS) on the plane through two of its ridges, and every candidate
        along its rides (green: above 50% on the test environment, orange: below; ringed: the one chosen on validation). The rides also change the
        features, so the plane is the landscape they set out on.{' '}
        <button onClick={() => ask('colored-slice')} data-net="colored-slice-view" title="Draw this slice on the Loss slice view: a surface with contours, curvature and critical points, to zoom and hover">
          Open in the loss-slice view
        </button>
      </figcaption>
    </figure>
  );
}

/**
 * Colored MNIST (Arjovsky et al. 2019) as the Ridge Rider paper uses it (§4, Table 1): samples of the three
 * environments with their labels and colours, and Table 1 live, run by run, with progress and a cancel.
 */
export function ColoredPane({ hidden, onSliceBox }: { hidden: boolean; onSliceBox: (box: PlotBox | null) => void }) {
  const c = useAppStore((s) => s.netColored);
  const ask = useAppStore((s) => s.netAsk);
  const dataReady = useAppStore((s) => (s.netData?.train ?? 0) > 0);
  const seed = useAppStore((s) => s.params.seed);
  const runs = useAppStore((s) => s.params.net.coloredRuns);
  const limit = useAppStore((s) => s.params.net.coloredLimit);
  // The samples come from environments built for the seed: ask once per seed, not on every visit to the pane.
  const askedSeed = useRef<number | null>(null);
  const hasSamples = c.samples !== null;
  useEffect(() => {
    if (hidden || !dataReady || (hasSamples && askedSeed.current === seed)) return;
    askedSeed.current = seed;
    ask('colored-samples');
  }, [hidden, dataReady, seed, hasSamples, ask]);
  const running = c.state === 'running';
  return (
    <div className="net-pane colored-pane" hidden={hidden} data-testid="colored-pane">
      <p className="hint">
        Each image’s label is “digit ≥ 5”, flipped for a quarter of them; its colour is the label, flipped 20% and 10% of the time in the two
        training environments and 90% in the test one. A network that reads the colour does well in training and badly in the test;
        one that reads the digit gets 75% everywhere. Under each image: its digit → its label y (1: digit ≥ 5); pink marks a flipped label.
      </p>
      <div className="colored-envs">{c.samples?.map((e) => <EnvSamples key={e.name} env={e} />) ?? <p className="hint">Loading the samples…</p>}</div>
      <p className="hint" data-testid="colored-status">
        {running ? <>
          Running: {c.done} of {countOf(c.total, 'run')} done <progress value={c.done} max={Math.max(1, c.total)} />{' '}
          {c.current && <span data-testid="colored-current">
            now {METHOD_NAME[c.current.method]}, run {c.current.run + 1}: step {c.current.done.toLocaleString('en-US')} of {c.current.total.toLocaleString('en-US')}{' '}
            <progress value={c.current.done} max={Math.max(1, c.current.total)} />{' '}
          </span>}
          <button onClick={() => ask('stop')} data-net="colored-cancel">Cancel</button></>
          : <>
            {c.state === 'done' && `Done: ${countOf(c.done, 'run')} on ${c.limit.toLocaleString('en-US')} images per environment. `}
            {c.state === 'cancelled' && `Cancelled after ${c.done} of ${countOf(c.total, 'run')}; the table keeps them. `}
            {c.state === 'failed' && `Stopped after ${c.done} of ${countOf(c.total, 'run')} (the notice says why); the table keeps them. `}
            <button className={c.state === 'idle' ? 'primary' : ''} onClick={() => ask('colored')} disabled={!dataReady} data-net="colored-run">Run Table 1</button>
            : {countOf(runs, 'run')} of each method on the first {limit.toLocaleString('en-US')} images of each environment (settings under “Colored MNIST”).
            {limit < 25_000 && ' On fewer images than the paper’s 25,000 per environment the numbers are not comparable to its table (IRM, with its reference settings, reads the colour on 5,000 images per environment and reaches about 68% test only on all of them): the command line runs the full table.'}
          </>}
      </p>
      {(c.rows.length > 0 || running) && <ColoredTable rows={c.rows} methods={c.methods} limit={c.limit} />}
      {(() => { const last = [...c.rows].reverse().find((r) => r.slice); return last ? <SliceBox row={last} onBox={onSliceBox} /> : null; })()}
      {c.rows.length > 0 && (
        <p className="hint">
          Ridge Rider sees only the training environments: its candidates are the points of its rides, and the one kept is the best on a
          held-out tenth of the training environments. The IRM reference chose its settings on the test environment.
        </p>
      )}
    </div>
  );
}
