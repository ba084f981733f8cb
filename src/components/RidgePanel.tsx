import { EXPERIMENTS, experimentById } from '../experiments';
import { NO_PRESET } from '../store/params';
import { fingerprintLabel } from '../charts/rideTreeLabels';
import { branchColor } from './ridgeTraces';
import { ParamControl } from './ParamControl';
import { useAppStore } from './StoreContext';
import { Section } from './Section';

/** Why a search stopped, in words. */
const STOP_TEXT: Record<string, string> = {
  'exhausted': 'every ridge explored', 'max-rides': 'ride limit reached', 'max-total-steps': 'step limit reached',
  'no-ridges': 'no negative curvature at the start', 'bad-start': 'the loss is not finite at the start', 'cancelled': 'cancelled', 'no-start': 'no start',
};

/** Distinct points among ride endpoints (after the gradient-descent finish when there is one), within tol. */
function distinctEnds(ends: readonly (readonly number[])[], tol: number): number[][] {
  const out: number[][] = [];
  for (const e of ends) if (!out.some((o) => Math.hypot(o[0]! - e[0]!, o[1]! - e[1]!) < tol)) out.push([e[0]!, e[1]!]);
  return out;
}

const RIDGE_FIGURES = EXPERIMENTS.filter((e) => e.ridgeRider);

/**
 * Ridge Rider (Parker-Holder et al. 2020, Algorithm 1): where it starts, and each pluggable part of the search —
 * GetRidges (top N, one per eigenvalue group), the step size α (fixed or backtracking), EndRide, ChooseFromArchive,
 * the gradient-descent finish — plus the Appendix D.1 ring of gradient-descent runs around the start. Every control
 * is drawn from its URL field (store/ridgeFields.ts); a figure preset runs its own search instead.
 */
export function RidgePanel() {
  const r = useAppStore((s) => s.params.ridge);
  const setParams = useAppStore((s) => s.setParams);
  const applyExperiment = useAppStore((s) => s.applyExperiment);
  const clickTarget = useAppStore((s) => s.clickTarget);
  const result = useAppStore((s) => s.ridge);
  const span = useAppStore((s) => s.params.view.x1 - s.params.view.x0);
  const setClick = useAppStore((s) => s.setClickTarget);
  const replaying = useAppStore((s) => s.ridgeReplay);
  const replay = useAppStore((s) => s.replayRidge);
  const stopReplay = useAppStore((s) => s.stopRidgeReplay);
  const set = (patch: Partial<typeof r>) => setParams({ ridge: { ...r, ...patch } });

  const ends = result ? result.rides.flatMap((x) => { const e = x.endAfterGd ?? x.end; return e ? [e] : []; }) : [];
  const minima = distinctEnds(ends, span * 1e-3);
  const ring = result?.ring;
  const figure = r.preset === NO_PRESET ? undefined : experimentById(r.preset);
  const named = figure?.ridgeRider?.paths ?? [];
  const ringAngles = ring?.runs.map((x) => x.angleDeg).filter(Number.isFinite) ?? [];

  return (
    <Section id="ridge" title="Ridge Rider" help="ridge" active={r.on}>
      <ParamControl field="rr" attrs={{ 'data-ridge': 'on' }} />
      {RIDGE_FIGURES.map((e) => (
        <button key={e.id} data-preset={e.id} onClick={() => applyExperiment(e.id)} title={e.title}>Preset: {e.short}</button>
      ))}
      {r.on && figure && (
        <div className="preset" data-testid={`preset-${figure.id}`}>
          <p className="hint"><b>{figure.title}.</b> Caption ({figure.source}): “{figure.caption}”</p>
          {figure.notes && <p className="hint">{figure.notes}</p>}
          <ul className="paths">
            {named.map((pp) => {
              const ride = result?.rides.find((x) => x.fingerprint.join(',') === pp.fingerprint.join(','));
              const end = ride?.endAfterGd ?? ride?.end;
              return (
                <li key={pp.name} data-path={pp.name}>
                  <span className="swatch" style={{ background: branchColor(pp.fingerprint) }} aria-hidden="true" /> <b>{pp.name}</b> ({fingerprintLabel(pp.fingerprint)}): {pp.shows}
                  {ride && end && <> — reached ({end[0]!.toFixed(3)}, {end[1]!.toFixed(3)}), f = {(ride.fAfterGd ?? ride.fEnd).toFixed(4)}</>}
                </li>
              );
            })}
          </ul>
          <button onClick={() => set({ preset: NO_PRESET })}>Leave the preset (use the settings below)</button>
        </div>
      )}
      <div className="row" role="radiogroup" aria-label="A click on the surface places">
        <span className="hint">Click places:</span>
        <label className="check"><input type="radio" name="click-target" checked={clickTarget === 'optimizers'} onChange={() => setClick('optimizers')} /> optimizer start</label>
        <label className="check"><input type="radio" name="click-target" data-ridge="click" checked={clickTarget === 'ridge'} onChange={() => setClick('ridge')} /> ridge start</label>
      </div>
      {r.on && !figure && (
        <>
          <p className="hint" data-testid="ridge-start">
            {r.start ? `Start refined from the click (${r.start[0]}, ${r.start[1]}) by Newton on ∇f. ` : 'Automatic start: a maximum, else the saddle with the most negative curvature. '}
            {result?.start?.message}
            {r.start && <button className="link" onClick={() => set({ start: null })}>use the automatic start</button>}
            {result?.start?.suggestion && <button className="link" onClick={() => set({ start: [result.start!.suggestion![0]!, result.start!.suggestion![1]!] })}>start at the suggested point</button>}
          </p>
          <div className="row"><ParamControl field="ro" /><ParamControl field="rm" /></div>
          <div className="row"><ParamControl field="ra" /><ParamControl field="rd" /></div>
          <ParamControl field="re" optionData="ridge-end" />
          <div className="row"><ParamControl field="rk" /><ParamControl field="rx" /><ParamControl field="rt" /></div>
          <ParamControl field="rg" />
          <div className="row"><ParamControl field="rf" attrs={{ 'data-ridge': 'gd' }} /><ParamControl field="rl" disabled={!r.gdFinish} /></div>
          <div className="row">
            <ParamControl field="rc" attrs={{ 'data-ridge': 'ring' }} /><ParamControl field="rcr" disabled={!r.ring} /><ParamControl field="rcn" disabled={!r.ring} />
          </div>
        </>
      )}
      {r.on && result && (
        <p className="hint" data-testid="ridge-summary">
          {result.rides.length} rides{result.end ? `, stopped: ${STOP_TEXT[result.end.reason] ?? result.end.reason}${result.end.note ? ` (${result.end.note})` : ''}` : ', searching…'}.{' '}
          {minima.length > 0 && `${minima.length} distinct end point${minima.length > 1 ? 's' : ''}${r.gdFinish || figure ? ' after the GD finish' : ''}.`}
          {ring && ringAngles.length > 0 && ` Ring: ${ring.runs.length} GD runs leave within ${Math.max(...ringAngles).toFixed(1)}° of ±e_min (λ_min = ${ring.lambdaMin.toPrecision(3)}).`}
          {ring?.kind === 'baseline' && ` Dashed grey: the figure's gradient-descent baseline, ${ring.runs.length} runs from near the start.`}
        </p>
      )}
      {r.on && result && result.rides.length > 0 && (
        <div className="row">
          <button data-ridge="replay" onClick={() => replay()} title="Replay the search ride by ride, in search order, on the timeline">Replay the search</button>
          {replaying && <button data-ridge="show-all" onClick={stopReplay} title="Show every ride at once">Show all rides</button>}
        </div>
      )}
    </Section>
  );
}
