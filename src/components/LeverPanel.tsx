import { LEVER_PAYOFFS_OTHER_PLAY, LEVER_PAYOFFS_PAPER } from '../envs/leverGame';
import { ParamControl } from './ParamControl';
import { Section } from './Section';
import { useAppStore } from './StoreContext';

/** The lever game's controls (Parker-Holder et al. 2020, Fig. 6): the payoffs (two presets), N runs, the repeats and UpdateRidge's eigenspace tolerance. */
export function LeverPanel() {
  const l = useAppStore((s) => s.params.lever);
  const setParams = useAppStore((s) => s.setParams);
  const setPayoffs = (payoffs: readonly number[]) => setParams({ lever: { ...l, payoffs: [...payoffs] } });
  return (
    <Section id="lever" title="Lever game" help="lever" active={l.on}>
      <p className="hint">Two players must pick the same lever without talking. Ridge Rider follows each ridge from many random seeds; a ridge whose runs all end on the same lever is a choice strangers can agree on (Parker-Holder et al. 2020, Fig. 6).</p>
      <ParamControl field="lvp" />
      <div className="row">
        <button onClick={() => setPayoffs(LEVER_PAYOFFS_PAPER)} data-lever="paper">The paper's levers</button>
        <button onClick={() => setPayoffs(LEVER_PAYOFFS_OTHER_PLAY)} data-lever="other-play">Other-Play's levers</button>
      </div>
      <div className="row"><ParamControl field="lvn" /><ParamControl field="lvk" /></div>
      <ParamControl field="lvct" />
    </Section>
  );
}
