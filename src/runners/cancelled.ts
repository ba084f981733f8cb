/**
 * Long runs on TF.js (approximate Ridge Rider, the Colored MNIST runs) yield now and then through `breathe`, which
 * lets a worker read newer messages and says whether the run is still wanted; when not, the run throws Cancelled
 * (after disposing what it made) and the caller drops it quietly.
 */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

/** A check to await often: it breathes at most every `ms` milliseconds and throws Cancelled when the run is not wanted. */
export function breather(breathe: (() => Promise<boolean>) | undefined, ms = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (!breathe) return;
    const now = performance.now();
    if (now - last < ms) return;
    last = now;
    if (!(await breathe())) throw new Cancelled();
  };
}
