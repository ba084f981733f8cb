import { useEffect, useRef } from 'react';
import { stepPlayhead, togglePlay } from '../store/playback';
import { autoSpeed, timelineEnd } from '../store/appStore';
import { useAppStore, useStoreApi } from './StoreContext';

/** Steps per second; 0 is 'auto' (a replay of any length in a few seconds). */
const SPEEDS = [0, 15, 30, 60, 120, 240, 480, 1000, 4000];

/** Small inline icons: the media-control glyphs are missing from many system fonts. */
const Icon = ({ d }: { d: string }) => (
  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><path d={d} fill="currentColor" /></svg>
);
const ICONS = {
  back: 'M2 2h2v10H2zM12 2v10L5 7z',
  forward: 'M10 2h2v10h-2zM2 2v10l7-5z',
  play: 'M3 2v10l9-5z',
  pause: 'M3 2h3v10H3zM8 2h3v10H8z',
};

/**
 * Play, pause, step, speed and a scrubbable timeline over the streamed trajectories. The slider and the step
 * counter (and the slider's max, which grows with every streamed batch) follow the store through a transient
 * subscription: no React render per frame or per batch.
 */
export function Timeline() {
  const store = useStoreApi();
  const playing = useAppStore((s) => s.playing);
  const speed = useAppStore((s) => s.speed);
  const hasRuns = useAppStore((s) => (s.params.mdp.on ? (s.treeView?.rides.length ?? 0) > 0
    : Object.keys(s.runs).length > 0 || (s.ridgeReplay && (s.ridge?.rides.length ?? 0) > 0)));
  const slider = useRef<HTMLInputElement>(null);
  const label = useRef<HTMLSpanElement>(null);
  const auto = useRef<HTMLOptionElement>(null);

  useEffect(() => {
    const show = () => {
      const s = store.getState();
      const k = Math.floor(s.playhead);
      const e = timelineEnd(s);
      if (slider.current) { slider.current.max = String(e); slider.current.value = String(k); }
      if (label.current) label.current.textContent = `step ${k} / ${e}`;
      if (auto.current) auto.current.textContent = `auto (${Math.round(autoSpeed(e))} steps/s)`;
    };
    show();
    return store.subscribe((s, prev) => {
      if (s.playhead !== prev.playhead || s.runs !== prev.runs || s.ridge !== prev.ridge || s.ridgeReplay !== prev.ridgeReplay
        || s.treeView !== prev.treeView || s.params.mdp.on !== prev.params.mdp.on) show();
    });
  }, [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === ' ') { e.preventDefault(); togglePlay(store); }
      else if (e.key === 'ArrowRight') stepPlayhead(store, e.shiftKey ? 10 : 1);
      else if (e.key === 'ArrowLeft') stepPlayhead(store, e.shiftKey ? -10 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);

  return (
    <div className="timeline" aria-label="Playback">
      <button onClick={() => stepPlayhead(store, -1)} disabled={!hasRuns} aria-label="Step back" title="Step back (←)"><Icon d={ICONS.back} /></button>
      <button onClick={() => togglePlay(store)} disabled={!hasRuns} aria-label={playing ? 'Pause' : 'Play'} data-testid="play" title="Play / pause (space)"><Icon d={playing ? ICONS.pause : ICONS.play} /></button>
      <button onClick={() => stepPlayhead(store, 1)} disabled={!hasRuns} aria-label="Step forward" title="Step forward (→)"><Icon d={ICONS.forward} /></button>
      <input ref={slider} type="range" min={0} step={1} defaultValue={0} disabled={!hasRuns} aria-label="Scrub through the steps"
        onInput={(e) => store.setState({ playing: false, playhead: Number((e.target as HTMLInputElement).value) })} />
      <span ref={label} className="step-label" data-testid="step-label">step 0 / 0</span>
      <label className="speed">speed <select value={speed} onChange={(e) => store.setState({ speed: Number(e.target.value) })}>
        {SPEEDS.map((v) => (v === 0 ? <option key={v} value={0} ref={auto}>auto</option> : <option key={v} value={v}>{v} steps/s</option>))}
      </select></label>
    </div>
  );
}
