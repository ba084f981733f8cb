import { useEffect, useRef } from 'react';
import { baseName, download } from './exporting';
import { ParamControl } from './ParamControl';
import { RrPresets } from './RrPresets';
import { Section } from './Section';
import { useAppStore, useStoreApi } from './StoreContext';

/** Largest model file the app reads (bytes): the default network's file is about 2.5 MB. */
export const MAX_MODEL_FILE = 200 * 1024 * 1024;

/**
 * The network view's controls: the network and its training (Train, Pause, Resume, Cancel), the model file (load and
 * save as JSON), the curvature (eigenpairs by Lanczos, the density by stochastic Lanczos quadrature) and the loss slice.
 */
export function NetworkPanel() {
  const store = useStoreApi();
  const ask = useAppStore((s) => s.netAsk);
  const run = useAppStore((s) => s.netRun);
  const busy = useAppStore((s) => s.netBusy);
  const hasModel = useAppStore((s) => s.netModel !== null);
  const dataReady = useAppStore((s) => (s.netData?.train ?? 0) > 0);
  const saved = useAppStore((s) => s.netModelJson);
  // UpdateRidge by Lanczos takes the exact eigenvector: Algorithm 2's steps and rates are then unused.
  const exactUpdate = useAppStore((s) => s.params.net.rrUpdate === 'lanczos');
  const noLossEnd = useAppStore((s) => s.params.net.rrEnd === 'steps');
  const file = useRef<HTMLInputElement>(null);
  const lastSaved = useRef<number | null>(null);

  useEffect(() => {
    if (!saved || saved.id === lastSaved.current) return;
    lastSaved.current = saved.id;
    download(new Blob([saved.json], { type: 'application/json' }), `${baseName(store)}-model.json`);
  }, [saved, store]);

  const loadFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_MODEL_FILE) { store.getState().notify('error', `${f.name} is ${(f.size / 1e6).toFixed(0)} MB; model files of up to ${MAX_MODEL_FILE / 1e6} MB are read`, 'net'); return; }
    store.getState().netLoadModel(await f.text());
    if (file.current) file.current.value = '';
  };

  const training = run.state === 'training';
  const paused = run.state === 'paused';
  const idle = !training && !busy;
  return (
    <>
      <Section id="net" title="Network" help="network" openOnPhone>
        <p className="hint">A multilayer perceptron learns to read handwritten digits (MNIST: 60,000 training and 10,000 test images). Train it, then look at the curvature of its loss.</p>
        <ParamControl field="nl" />
        <div className="row"><ParamControl field="na" /><ParamControl field="seed" /></div>
        <ParamControl field="nbk" />
        <div className="row">
          <button onClick={() => file.current?.click()} disabled={!dataReady || training} data-net="load" title="Load a model file {layers, activation, weights, biases}">Load model…</button>
          <button onClick={() => ask('save')} disabled={!hasModel || !idle} data-net="save" title="Save the network as a model file (JSON)">Save model</button>
          <input ref={file} type="file" accept=".json,application/json" hidden data-net="file" onChange={(e) => void loadFile(e.target.files?.[0])} />
        </div>
      </Section>
      <Section id="net-train" title="Training" help="network-training" openOnPhone>
        <div className="row"><ParamControl field="no" /><ParamControl field="nlr" /></div>
        <div className="row"><ParamControl field="nb" /><ParamControl field="nst" /></div>
        <div className="row"><ParamControl field="nee" /><ParamControl field="nde" /></div>
        <div className="row"><ParamControl field="nts" /><ParamControl field="nes" /></div>
        <div className="row run-buttons">
          <button className="primary" onClick={() => ask('train')} disabled={!dataReady} data-net="train"
            title="Start a new run from freshly initialized weights (the seed picks them)">{run.state === 'idle' ? 'Train' : 'Train anew'}</button>
          {training && <button onClick={() => ask('pause')} data-net="pause">Pause</button>}
          {paused && <button onClick={() => ask('resume')} data-net="resume" title="Go on with the paused run (its own settings)">Resume</button>}
          {(training || paused) && <button onClick={() => ask('cancel')} data-net="cancel" title="End the run here; the weights reached stay">Cancel</button>}
        </div>
        {paused && <p className="hint">Paused at step {run.step}. Resume goes on with the run's own settings; changed settings apply to the next run.</p>}
      </Section>
      <Section id="net-curv" title="Curvature" help="hessian-spectrum">
        <p className="hint">The Hessian of the loss on the first images, through Hessian-vector products: its extreme eigenvalues by Lanczos, and the density of all of them.</p>
        <div className="row"><ParamControl field="nhs" /><ParamControl field="nhv" /></div>
        <div className="row"><ParamControl field="nw" /><ParamControl field="nk" /></div>
        <div className="row"><ParamControl field="ntol" /><ParamControl field="nmv" /></div>
        <div className="row"><ParamControl field="nqs" /><ParamControl field="nqd" /></div>
        <div className="row">
          <button onClick={() => ask('eigs')} disabled={!hasModel || !idle} data-net="eigs" title="Lanczos on Hessian-vector products at the current weights">Find eigenpairs</button>
          <button onClick={() => ask('density')} disabled={!hasModel || !idle} data-net="density" title="Stochastic Lanczos quadrature at the current weights">Spectrum density</button>
        </div>
      </Section>
      <Section id="net-slice" title="Loss slice" help="loss-slice">
        <ParamControl field="nsd" />
        <div className="row"><ParamControl field="nsr" /><ParamControl field="nsg" /></div>
        <button onClick={() => ask('slice')} disabled={!hasModel || !idle} data-net="slice" title="The loss on a plane through the current weights, shown as a surface">Compute the slice</button>
      </Section>
      <Section id="net-rr" title="Ridge Rider on the network" help="approx-rr">
        <p className="hint">Approximate Ridge Rider (Parker-Holder et al. 2020, Algorithm 2) on a fresh network of its own (layers below, activation above): from a saddle where it knows nothing, along the Hessian’s negative-curvature directions, found and updated with Hessian-vector products only.</p>
        <ParamControl field="rrh" />
        <RrPresets />
        <div className="row"><ParamControl field="rrn" /><ParamControl field="rrs" /></div>
        <div className="row"><ParamControl field="rra" /><ParamControl field="rrv" /></div>
        <div className="row"><ParamControl field="rri" disabled={exactUpdate} /><ParamControl field="rrk" disabled={exactUpdate} /></div>
        <div className="row"><ParamControl field="rre" disabled={exactUpdate} /><ParamControl field="rrl" disabled={exactUpdate} /></div>
        <div className="row"><ParamControl field="rrw" disabled={exactUpdate} /><ParamControl field="rrz" /></div>
        <div className="row"><ParamControl field="rru" disabled={exactUpdate} /><ParamControl field="rrp" disabled={noLossEnd} /></div>
        <div className="row"><ParamControl field="rrb" /><ParamControl field="rrm" /></div>
        <div className="row"><ParamControl field="rrd" /><ParamControl field="rrx" /></div>
        <div className="row"><ParamControl field="rrf" /><ParamControl field="rro" /></div>
        <div className="row"><ParamControl field="rry" /><ParamControl field="rrt" /></div>
        <div className="row"><ParamControl field="rrq" /></div>
        <ParamControl field="rrg" />
        <button onClick={() => ask('ridge-rider')} disabled={!dataReady || training} data-net="rr" title="Find the near-MIS of a fresh network and ride its ridges">Run Ridge Rider</button>
      </Section>
      <Section id="net-colored" title="Colored MNIST" help="colored-mnist">
        <p className="hint">Out-of-distribution generalization: Ridge Rider, ERM, IRM and a grayscale oracle on Colored MNIST (Arjovsky et al. 2019), run after run (the paper’s Table 1).</p>
        <div className="row"><ParamControl field="crn" /><ParamControl field="crl" /></div>
        <button onClick={() => ask('colored')} disabled={!dataReady || training} data-net="colored" title="Run every method, round after round; the table fills in as runs end">Run Table 1</button>
      </Section>
    </>
  );
}
