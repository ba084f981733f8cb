import { useAppStore } from './StoreContext';

/** The first-visit introduction: what RidgeLab shows and four things to try. Reopened from Help. */
export function Intro() {
  const open = useAppStore((s) => s.introOpen);
  const setOpen = useAppStore((s) => s.setIntroOpen);
  const applyExperiment = useAppStore((s) => s.applyExperiment);
  const setParams = useAppStore((s) => s.setParams);
  const selectLandscape = useAppStore((s) => s.selectLandscape);
  const showHelp = useAppStore((s) => s.showHelp);
  const setFigure = useAppStore((s) => s.setFigure);
  if (!open) return null;
  const close = () => { setOpen(false); try { localStorage.setItem(INTRO_SEEN, '1'); } catch { /* private mode: show it again next time */ } };
  const then = (f: () => void) => () => { close(); f(); };
  return (
    <div className="overlay" onClick={close}>
      <div className="dialog intro" role="dialog" aria-modal="true" aria-labelledby="intro-h" onClick={(e) => e.stopPropagation()}>
        <div className="dialog-head"><h2 id="intro-h">Welcome to RidgeLab</h2><button aria-label="Close" onClick={close}>×</button></div>
        <p>RidgeLab shows how optimizers move on a loss surface. The map is a function f(x, y): colour is its value, lines are
          contours. Click anywhere to start gradient descent, momentum, Adam and friends from there and watch them run. The
          curvature of the surface (its Hessian) decides where they go: Ridge Rider follows the directions of negative
          curvature from a saddle to find many different minima, and evolution strategies descend a blurred copy of f.</p>
        <p><b>Four things to try:</b></p>
        <ol>
          <li><button className="link" onClick={then(() => { selectLandscape('himmelblau'); setParams({ start: [0, 0] }); })}>Run the optimizers from (0, 0)</button> on Himmelblau's function, then
            click elsewhere and compare where they end.</li>
          <li><button className="link" onClick={then(() => applyExperiment('fig1'))}>Rebuild Figure 1 of the Ridge Rider paper</button>: four rides
            from the maximum reach all four minima, where gradient descent finds only two.</li>
          <li><button className="link" onClick={then(() => applyExperiment('wall'))}>Tunnel through a wall</button>: variational optimization
            crosses a barrier that stops gradient descent, because it descends the smoothed loss.</li>
          <li><button className="link" onClick={then(() => setFigure('net'))}>Train a network on handwritten digits</button> and watch the
            spectrum of its Hessian change as it learns: a few large eigenvalues break away from the rest.</li>
        </ol>
        <p>Every control has a tooltip; the <b>?</b> next to a panel explains its terms, and the link in the address bar
          restores exactly what you see. <button className="link" onClick={then(() => showHelp(''))}>Open the glossary</button></p>
        <div className="dialog-foot"><button onClick={close} data-testid="intro-close">Start exploring</button></div>
      </div>
    </div>
  );
}

/** localStorage key: the introduction was dismissed once on this browser. */
export const INTRO_SEEN = 'ridgelab.introSeen';
