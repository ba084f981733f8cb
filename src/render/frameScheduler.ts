/**
 * Coalesces redraw requests to at most one call of `draw` per animation frame (architecture.md, convention 8):
 * any number of request() calls before the next frame cost one draw. flush() draws now if one is pending (for
 * export and tests). The frame functions are injectable so the scheduler can be tested without a browser.
 */
export interface FrameScheduler {
  request(): void;
  flush(): void;
  readonly pending: boolean;
  cancel(): void;
}

export interface FrameFns {
  request(cb: () => void): number;
  cancel(handle: number): void;
}

export function browserFrameFns(): FrameFns {
  if (typeof requestAnimationFrame === 'function') {
    return { request: (cb) => requestAnimationFrame(() => cb()), cancel: (h) => cancelAnimationFrame(h) };
  }
  return { request: (cb) => setTimeout(cb, 16) as unknown as number, cancel: (h) => clearTimeout(h) };
}

export function createFrameScheduler(draw: () => void, fns: FrameFns = browserFrameFns()): FrameScheduler {
  let handle: number | null = null;
  const run = () => {
    handle = null;
    draw();
  };
  return {
    request() {
      if (handle === null) handle = fns.request(run);
    },
    flush() {
      if (handle === null) return;
      fns.cancel(handle);
      run();
    },
    get pending() {
      return handle !== null;
    },
    cancel() {
      if (handle !== null) fns.cancel(handle);
      handle = null;
    },
  };
}
