import { useEffect, useRef, useState } from 'react';
import { SMALL_SWEEP_RANGES, SWEEP_SHAPE_RIDE } from '../nn/mnistRrSettings';
import { MEASURED_SWEEP, sweepNoneAboveHint, sweepSummary } from '../nn/sweepSummary';
import { SweepFileError, joinSweepFiles, sweepTrialsFromText, sweepTrialsToCsv, type SweepFile } from '../export/sweepTrials';
import { MEASURED_SWEEP_SOURCE, loadMeasuredSweep } from '../export/measuredSweep';
import { sweepChart } from '../render/rrCharts';
import { createPlotBox, type PlotBox } from '../render/studyCharts';
import type { AppState } from '../store/appStore';
import type { NetSweepResult } from '../store/networkSlice';
import { countOf } from './countOf';
import { download } from './exporting';
import { useAppStore, useStoreApi } from './StoreContext';

/** What the sweep's picture says it is: its trials, their network and, for a loaded sweep, the file. */
function sweepCaption(r: NetSweepResult): string {
  return `Random sweep (Fig. 4, right): ${countOf(r.trials.length, 'trial')}${r.layers ? ` on a ${r.layers.join('–')} network` : ''}${r.source !== null ? `, from ${r.source}` : ''}`;
}

/** The largest sweep file read: a 2000-trial log is about 0.5 MB. */
const MAX_SWEEP_FILE = 50e6;

/**
 * The small sweep (Fig. 4, right): run, progress and cancel, and its chart; or a command-line sweep's trials loaded
 * from its log, JSON or the app's own CSV. `onBox` hands the chart's box to the pane's export.
 */
export function SweepBox({ onBox }: { onBox: (box: PlotBox | null) => void }) {
  const store = useStoreApi();
  const sweep = useAppStore((s) => s.netRrSweep);
  const trials = useAppStore((s) => s.params.net.rrTrials);
  const rides = useAppStore((s) => s.params.net.rrRidges);
  const order = useAppStore((s) => s.params.net.rrOrder);
  const shape = useAppStore((s) => s.params.net.rrSweepShape);
  const ask = useAppStore((s) => s.netAsk);
  const dataReady = useAppStore((s) => (s.netData?.train ?? 0) > 0);
  const ref = useRef<HTMLDivElement>(null);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const box = createPlotBox(ref.current!);
    onBox(box);
    const show = (s: AppState) => box.draw((w, h) => sweepChart(s.netRrSweep.trials, w, h, SMALL_SWEEP_RANGES.alpha, sweepCaption(s.netRrSweep)));
    show(store.getState());
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.netRrSweep === prev.netRrSweep) return;
      show(s);
      // The sweep's chart sits below the rides' charts: bring it into view with its first trial.
      if (s.netRrSweep.trials.length > 0 && prev.netRrSweep.trials.length === 0) requestAnimationFrame(() => ref.current?.scrollIntoView({ block: 'nearest' }));
    });
    return () => { unsubscribe(); onBox(null); box.destroy(); };
  }, [store, onBox]);
  const showTrials = (loaded: SweepFile, source: string) => store.setState({ netRrSweep: { state: 'done', trials: loaded.trials, total: loaded.trials.length, source, layers: loaded.layers, trialSince: 0 } });
  const showMeasured = async () => {
    try {
      showTrials(await loadMeasuredSweep(), MEASURED_SWEEP_SOURCE);
    } catch (e) {
      // A chunk that failed to arrive (the app updated or went offline since it loaded): the trials on show stay.
      store.getState().notify('error', `The measured sweep was not loaded: ${e instanceof Error ? e.message : String(e)}`, 'net');
    }
  };
  const load = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (file.current) file.current.value = '';
    if (files.length === 0) return;
    const notify = store.getState().notify;
    const big = files.find((f) => f.size > MAX_SWEEP_FILE);
    if (big) { notify('error', `${big.name} is ${(big.size / 1e6).toFixed(0)} MB; sweep files of up to ${MAX_SWEEP_FILE / 1e6} MB are read`, 'net'); return; }
    const names = files.map((f) => f.name).join(', ');
    try {
      // One file, or a sweep's shards together (a trial in two of them is refused).
      const lists = await Promise.all(files.map(async (f) => {
        try { return sweepTrialsFromText(await f.text()); } catch (e) { throw e instanceof SweepFileError && files.length > 1 ? new SweepFileError(`${f.name}: ${e.message}`) : e; }
      }));
      showTrials(joinSweepFiles(lists), names);
    } catch (e) {
      // The trials on show stay.
      notify('error', `${files.length === 1 ? `${names} was` : `${names} were`} not loaded: ${e instanceof SweepFileError ? e.message : String(e)}`, 'net');
    }
  };
  const running = sweep.state === 'running';
  const summary = sweepSummary(sweep.trials);
  const noneAbove = running ? '' : sweepNoneAboveHint(sweep.trials);
  // A trial reports only when it ends (seconds to minutes): while one runs, its elapsed time ticks.
  const [, tick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick((k) => k + 1), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <div className="rr-sweep">
      <p className="hint" data-testid="rr-sweep-status">
        {running
          ? <>Sweep: {sweep.trials.length} of {sweep.total} trials done; trial {sweep.trials.length + 1} running for {Math.max(0, Math.round((Date.now() - sweep.trialSince) / 1000))} s (a trial takes
            from seconds to several minutes, and its dot appears when it ends) <progress value={sweep.trials.length} max={Math.max(1, sweep.total)} /> <button onClick={() => ask('stop')} data-net="rr-sweep-cancel">Cancel</button></>
          : <>
            <button onClick={() => ask('rr-sweep')} disabled={!dataReady} data-net="rr-sweep">Run a small sweep</button> of {trials} trials (the paper’s Fig. 4, right, ran 2000): each
            draws S, α, LR_e, LR_λ and the batch at random and takes {shape === 'ride' ? `one ride of up to ${SWEEP_SHAPE_RIDE.steps} steps, which ends where the loss stops falling`
              : rides === 1 ? 'one ride as set' : `${rides} rides as set (${order === 'dfs' ? 'depth first: one path' : 'breadth first'})`}; Ridge Rider, LR_e = 0 (the eigenvector never updated) and Rand-Ridge+
            (random downhill directions) take turns. Each trial is a dot at its final test accuracy, with a line down to a ring where it started. {sweep.state === 'cancelled' ? 'Cancelled; the trials done stay. ' : ''}
            A larger sweep runs on the command line (mnist-rr-sweep --log trials.jsonl): <button onClick={() => file.current?.click()} data-net="rr-sweep-load"
              title="Show the trials of sweep files (one, or a sweep's shards together): the log or JSON of mnist-rr-sweep, or a sweep's CSV exported here">Load trials…</button>, or see the first {MEASURED_SWEEP.trials} trials of such a sweep, measured on a {MEASURED_SWEEP.layers.join('–')} network: <button onClick={() => void showMeasured()} data-net="rr-sweep-measured"
              title={`Show the ${MEASURED_SWEEP.trials} trials of the sweep measured with the command line (one ride a trial, as the small sweep's defaults), shipped with the app`}>Show the measured sweep</button>
            <input ref={file} type="file" multiple accept=".jsonl,.json,.csv,.txt,application/json,text/csv" hidden data-net="rr-sweep-file" onChange={(e) => void load(e.target.files)} />
          </>}
      </p>
      {sweep.trials.length > 0 && (
        <p className="hint" data-testid="rr-sweep-summary">
          {sweep.source !== null ? `${countOf(sweep.trials.length, 'trial')} from ${sweep.source}${sweep.layers ? `, on a ${sweep.layers.join('–')} network` : ' (the file does not say on which network)'}. `
            : sweep.layers ? `On a ${sweep.layers.join('–')} network: ` : ''}{summary}{' '}
          {!running && <button onClick={() => download(new Blob([sweepTrialsToCsv(sweep.trials, sweep.layers)], { type: 'text/csv' }), `ridgelab-mnist-${sweep.layers ? `${sweep.layers.join('-')}-` : ''}sweep-${sweep.trials.length}-trials.csv`)} data-net="rr-sweep-csv"
            title="Every trial: its variant, the settings drawn, and its accuracies at the start, at the end and at best (CSV)">Download trials (CSV)</button>}
        </p>
      )}
      {noneAbove !== '' && <p className="hint" data-testid="rr-sweep-none-above">{noneAbove}</p>}
      <div ref={ref} className="plot-box" data-testid="rr-sweep" hidden={sweep.trials.length === 0} />
    </div>
  );
}
