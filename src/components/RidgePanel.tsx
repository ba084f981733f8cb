import { RIDGE_RIDER_FIG1 } from '../experiments/ridgeRiderFig1';
import { landscapeById } from '../landscapes/registry';
import { MAX_RIDES, RIDGE_END_CRITERIA, RIDGE_ORDERS, defaultRidgeParams, type RidgeParams } from '../store/params';
import { branchColor, fingerprintLabel } from './ridgeTraces';
import { NumberField } from './NumberField';
import { useAppStore } from './StoreContext';

const END_LABELS: Record<(typeof RIDGE_END_CRITERIA)[number], string> = {
  curvature: 'λ ≥ 0', overlap: 'overlap < δ_break', loss: 'loss stops decreasing',
};

/** Distinct points among ride endpoints (after the gradient-descent finish when there is one), within tol. */
function distinctEnds(ends: readonly (readonly number[])[], tol: number): number[][] {
  const out: number[][] = [];
  for (const e of ends) if (!out.some((o) => Math.hypot(o[0]! - e[0]!, o[1]! - e[1]!) < tol)) out.push([e[0]!, e[1]!]);
  return out;
}

/**
 * Ridge Rider (Parker-Holder et al. 2020, Algorithm 1): where it starts, and each pluggable part of the search —
 * GetRidges (top N, one per eigenvalue group), the step size α (fixed or backtracking), EndRide, ChooseFromArchive,
 * the gradient-descent finish — plus the Appendix D.1 ring of gradient-descent runs around the start.
 */
export function RidgePanel() {
  const r = useAppStore((s) => s.params.ridge);
  const setParams = useAppStore((s) => s.setParams);
  const clickTarget = useAppStore((s) => s.clickTarget);
  const result = useAppStore((s) => s.ridge);
  useAppStore((s) => s.ridgeVersion);
  const span = useAppStore((s) => s.params.view.x1 - s.params.view.x0);
  const set = (patch: Partial<RidgeParams>) => setParams({ ridge: { ...r, ...patch } });
  const setClick = useAppStore((s) => s.setClickTarget);

  const ends = result ? result.rides.map((x) => x.endAfterGd ?? x.end) : [];
  const minima = distinctEnds(ends, span * 1e-3);
  const ring = result?.ring;
  const loadFig1 = () => {
    const def = landscapeById(RIDGE_RIDER_FIG1.landscape)!;
    setParams({ landscape: def.id, view: { ...def.domain }, start: null, ridge: { ...defaultRidgeParams(), on: true, preset: 'fig1' } });
  };

  return (
    <section className="panel" aria-labelledby="ridge-h">
      <h2 id="ridge-h">Ridge Rider</h2>
      <label className="check"><input type="checkbox" data-ridge="on" checked={r.on} onChange={(e) => set({ on: e.target.checked })} /> Run Ridge Rider</label>
      <button data-preset="fig1" onClick={loadFig1} title={RIDGE_RIDER_FIG1.title}>Preset: the paper's Figure 1</button>
      {r.on && r.preset === 'fig1' && (
        <div className="preset" data-testid="preset-fig1">
          <p className="hint"><b>{RIDGE_RIDER_FIG1.title}.</b> Paper's caption: “{RIDGE_RIDER_FIG1.caption}”</p>
          <p className="hint">The surface is a reconstruction (the paper's formula is unpublished). Grey: the gradient-descent baseline from 16 seeded starts 0.05–0.1 from the maximum. Settings: backtracking α from 0.05 to 10⁻⁴, δ_break 0.95, EndRide on loss or overlap (not λ ≥ 0), GD finish η 0.02.</p>
          <ul className="paths">
            {RIDGE_RIDER_FIG1.paths.map((pp) => {
              const ride = result?.rides.find((x) => x.fingerprint.join(',') === pp.fingerprint.join(','));
              const end = ride?.endAfterGd ?? ride?.end;
              return (
                <li key={pp.name} data-path={pp.name}>
                  <span className="swatch" style={{ background: branchColor(pp.fingerprint) }} aria-hidden="true" /> <b>{pp.name}</b> ({fingerprintLabel(pp.fingerprint)}): {pp.shows}
                  {end && <> — reached ({end[0]!.toFixed(3)}, {end[1]!.toFixed(3)}), f = {(ride!.fAfterGd ?? ride!.f_end).toFixed(4)}</>}
                </li>
              );
            })}
          </ul>
          <button onClick={() => set({ preset: 'none' })}>Leave the preset (use the settings below)</button>
        </div>
      )}
      <div className="row" role="radiogroup" aria-label="A click on the surface places">
        <span className="hint">Click places:</span>
        <label className="check"><input type="radio" name="click-target" checked={clickTarget === 'optimizers'} onChange={() => setClick('optimizers')} /> optimizer start</label>
        <label className="check"><input type="radio" name="click-target" data-ridge="click" checked={clickTarget === 'ridge'} onChange={() => setClick('ridge')} /> ridge start</label>
      </div>
      {r.on && r.preset === 'none' && (
        <>
          <p className="hint" data-testid="ridge-start">
            {r.start ? `Start refined from the click (${r.start[0]}, ${r.start[1]}) by Newton on ∇f. ` : 'Automatic start: a maximum, else the saddle with the most negative curvature. '}
            {result?.start?.message}
            {r.start && <button className="link" onClick={() => set({ start: null })}>use the automatic start</button>}
            {result?.start?.suggestion && <button className="link" onClick={() => set({ start: [result.start!.suggestion![0], result.start!.suggestion![1]] })}>start at the suggested point</button>}
          </p>
          <div className="row">
            <label>order <select value={r.order} onChange={(e) => set({ order: e.target.value as RidgeParams['order'] })}>
              {RIDGE_ORDERS.map((o) => <option key={o} value={o}>{o === 'best' ? 'best-first (loss)' : o}</option>)}
            </select></label>
            <label>α <select value={r.stepMode} onChange={(e) => set({ stepMode: e.target.value as RidgeParams['stepMode'] })}>
              <option value="fixed">fixed</option><option value="backtracking">backtracking</option>
            </select></label>
          </div>
          <div className="row">
            <NumberField name="ridge.alpha" label={r.stepMode === 'fixed' ? 'α' : 'α_max'} value={r.alpha} min={1e-6} max={10} onCommit={(v) => set({ alpha: v })} />
            <NumberField name="ridge.deltaBreak" label="δ_break" value={r.deltaBreak} min={0.01} max={1} onCommit={(v) => set({ deltaBreak: v })} />
          </div>
          <fieldset className="ends"><legend>EndRide when</legend>
            {RIDGE_END_CRITERIA.map((c) => (
              <label key={c} className="check"><input type="checkbox" data-ridge-end={c} checked={r.end.includes(c)}
                onChange={(e) => set({ end: e.target.checked ? RIDGE_END_CRITERIA.filter((x) => x === c || r.end.includes(x)) : r.end.filter((x) => x !== c) })} /> {END_LABELS[c]}</label>
            ))}
          </fieldset>
          <div className="row">
            <NumberField name="ridge.maxRideSteps" label="steps / ride" value={r.maxRideSteps} min={1} max={100_000} integer onCommit={(v) => set({ maxRideSteps: v })} />
            <NumberField name="ridge.maxRides" label="max rides" value={r.maxRides} min={1} max={MAX_RIDES} integer onCommit={(v) => set({ maxRides: v })} />
            <NumberField name="ridge.topN" label="top N (0 all)" value={r.topN} min={0} max={100} integer onCommit={(v) => set({ topN: v })} />
          </div>
          <label className="check"><input type="checkbox" checked={r.onePerGroup} onChange={(e) => set({ onePerGroup: e.target.checked })} /> one ridge per group of equal eigenvalues</label>
          <div className="row">
            <label className="check"><input type="checkbox" data-ridge="gd" checked={r.gdFinish} onChange={(e) => set({ gdFinish: e.target.checked })} /> gradient-descent finish</label>
            <NumberField name="ridge.gdLr" label="η" value={r.gdLr} min={1e-5} max={10} onCommit={(v) => set({ gdLr: v })} />
          </div>
          <div className="row">
            <label className="check" title="Paper, Appendix D.1: gradient descent started close around a saddle leaves along the most negative curvature direction">
              <input type="checkbox" data-ridge="ring" checked={r.ring} onChange={(e) => set({ ring: e.target.checked })} /> ring of GD runs (App. D.1)</label>
            <NumberField name="ridge.ringRadius" label="radius" value={r.ringRadius} min={1e-6} max={1e3} onCommit={(v) => set({ ringRadius: v })} />
            <NumberField name="ridge.ringCount" label="runs" value={r.ringCount} min={1} max={64} integer onCommit={(v) => set({ ringCount: v })} />
          </div>
        </>
      )}
      {r.on && (
        <>
          {result && (
            <p className="hint" data-testid="ridge-summary">
              {result.rides.length} rides{result.end ? `, stopped: ${result.end.reason}${result.end.note ? ` (${result.end.note})` : ''}` : ', searching…'}.{' '}
              {minima.length > 0 && `${minima.length} distinct end point${minima.length > 1 ? 's' : ''}${r.gdFinish ? ' after the GD finish' : ''}.`}
              {ring && ` Ring: ${ring.runs.length} GD runs leave within ${Math.max(...ring.runs.map((x) => x.angleDeg)).toFixed(1)}° of ±e_min (λ_min = ${ring.lambdaMin.toPrecision(3)}).`}
            </p>
          )}
        </>
      )}
    </section>
  );
}
