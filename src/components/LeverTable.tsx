import { useAppStore } from './StoreContext';

/** The lever game per ridge: eigenvalue, its multiplicity, self-play, cross-play (± std) and each player's most common greedy lever. */
export function LeverTable() {
  const r = useAppStore((s) => s.leverResult);
  const payoffs = useAppStore((s) => s.params.lever.payoffs);
  if (!r) return <p className="hint empty">Computing the lever game…</p>;
  const f = (v: number) => v.toFixed(3);
  return (
    <table className="runs" data-testid="lever-table">
      <thead><tr><th>ridge</th><th title="The Hessian eigenvalue at the MIS whose eigenvector the ridge follows">eigenvalue λ</th><th title="How many eigenvalues equal this one: a repeated eigenvalue has no unique eigenvector, so independent runs pick different ones">multiplicity</th>
        <th title="Sign convention: each ridge follows +v, the eigenvector with its largest entry made positive, the same in every run. This is that entry: the logit the ridge raises most">+v raises most</th>
        <th title="Payoff when a run plays with itself">self-play</th><th title="Payoff when a run plays with an independent run of the same ridge (mean ± std over the repeats)">cross-play</th><th title="Over all runs of the ridge, the lever each player most often ends on (its payoff in brackets)">most common lever, players 1 and 2 (payoff)</th></tr></thead>
      <tbody>
        {r.ridges.map((x) => (
          <tr key={x.index} className={x.index === r.chosen.index ? 'chosen' : ''}>
            <td>{x.index}{x.index === r.chosen.index ? ' ✓' : ''}</td><td>{x.eigenvalue.toPrecision(4)}</td><td>{x.multiplicity}</td><td>{x.peak < payoffs.length ? `player 1, lever ${x.peak}` : `player 2, lever ${x.peak - payoffs.length}`}</td>
            <td>{f(x.selfPlay)}</td><td>{f(x.crossPlay)} ± {f(x.crossPlayStd)}</td><td>{x.lever.map((k) => `${k} (${payoffs[k]})`).join(', ')}</td>
          </tr>
        ))}
        <tr><td>GD</td><td /><td /><td /><td>{f(r.baseline.selfPlay)}</td><td>{f(r.baseline.crossPlay)} ± {f(r.baseline.crossPlayStd)}</td><td>self-play gradient descent</td></tr>
      </tbody>
    </table>
  );
}
