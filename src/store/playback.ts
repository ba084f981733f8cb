import { autoSpeed, timelineEnd, type AppStore } from './appStore';

/**
 * Advances the playhead at `speed` steps per second (0: 'auto', autoSpeed: a whole replay in a few seconds) on
 * animation frames while `playing` is set. It writes only `playhead` (and `playing` at the end); views read it
 * through transient subscriptions, so playback costs no React render. While runs are still streaming, the playhead
 * waits at the last point received.
 */
export function startPlayback(store: AppStore): () => void {
  let frame = 0;
  let prevTime: number | null = null;

  const tick = (time: number) => {
    frame = requestAnimationFrame(tick);
    const s = store.getState();
    if (!s.playing) { prevTime = null; return; }
    // Wall-clock time, so that a replay keeps its length when frames are slow; capped so that a tab in the
    // background (no frames) does not jump to the end on its return.
    const dt = prevTime === null ? 0 : Math.min(0.5, (time - prevTime) / 1000);
    prevTime = time;
    const end = timelineEnd(s);
    const streaming = Object.values(s.runs).some((r) => r && r.stop === null) || (s.ridgeReplay && s.ridge !== null && s.ridge.end === null);
    const next = Math.min(end, s.playhead + (s.speed > 0 ? s.speed : autoSpeed(end)) * dt);
    if (next >= end && !streaming) store.setState({ playhead: end, playing: false });
    else if (next !== s.playhead) store.setState({ playhead: next });
  };
  frame = requestAnimationFrame(tick);
  return () => cancelAnimationFrame(frame);
}

/** Moves the playhead by whole steps (the step buttons), pausing playback. */
export function stepPlayhead(store: AppStore, delta: number): void {
  const s = store.getState();
  const end = timelineEnd(s);
  store.setState({ playing: false, playhead: Math.max(0, Math.min(end, Math.round(s.playhead) + delta)) });
}

/** Play from the start again when at the end, else toggle. */
export function togglePlay(store: AppStore): void {
  const s = store.getState();
  const end = timelineEnd(s);
  if (s.playing) store.setState({ playing: false });
  else store.setState({ playing: true, playhead: s.playhead >= end ? 0 : s.playhead });
}
