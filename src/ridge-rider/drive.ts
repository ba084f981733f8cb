/**
 * One search, two ways to drive it. A step of the search is written once, as a generator that yields only where a
 * curvature oracle (curvature.ts) answered with a promise (a WebGPU read-back of a Hessian-vector product), and
 * receives the settled value back:
 *
 *   const r = oracle.probe(θ, spare);
 *   const probe = isPending(r) ? ((yield r) as P) : r;
 *
 * `driveSync` runs such a step to its end in one call, for oracles that always answer with values (the exact,
 * dense-Hessian oracle: the CLI, the tests, the 2D worker); `driveAsync` awaits each yielded promise. An oracle that
 * answers synchronously never makes the step yield, so the two drivers give identical results. A ride is one
 * long-lived coroutine that also pauses after each of its steps (STEP_DONE), resumed by `resumeSync`/`resumeAsync`:
 * a step of a ride then allocates no generator.
 */

/** A value now, or later. */
export type MaybePromise<T> = T | PromiseLike<T>;

/** A step of the search: yields the promises it waits for, returns T. */
export type Step<T> = Generator<PromiseLike<unknown>, T, unknown>;

/** Where a ride's coroutine pauses after each step (ride.ts). */
export const STEP_DONE: unique symbol = Symbol('ride step done');

/** A ride as a coroutine: yields the promises it waits for, and STEP_DONE after each step; returns when the ride ends. */
export type RideRun = Generator<PromiseLike<unknown> | typeof STEP_DONE, void, unknown>;

/** True for a promise (anything with a `then` method), false for a plain value. */
export function isPending<T>(v: MaybePromise<T>): v is PromiseLike<T> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Runs a step to its end synchronously; throws when it waits for a promise (an asynchronous oracle). */
export function driveSync<T>(step: Step<T>): T {
  const r = step.next();
  if (!r.done) {
    step.return(undefined as T);
    throw new Error(ASYNC);
  }
  return r.value;
}

const ASYNC = 'this curvature oracle answers asynchronously: use stepRidgeRiderAsync or runRidgeRiderAsync';

/** Runs a ride's coroutine to its next step (or its end) synchronously; throws when it waits for a promise. */
export function resumeSync(run: RideRun): void {
  const r = run.next();
  if (!r.done && r.value !== STEP_DONE) {
    run.return();
    throw new Error(ASYNC);
  }
}

/** Runs a ride's coroutine to its next step (or its end), awaiting every promise it yields. */
export async function resumeAsync(run: RideRun): Promise<void> {
  let r = run.next();
  while (!r.done && r.value !== STEP_DONE) {
    let value: unknown;
    try {
      value = await r.value;
    } catch (e) {
      r = run.throw(e);
      continue;
    }
    r = run.next(value);
  }
}

/** Runs a step to its end, awaiting every promise it yields (a rejection is thrown into the step). */
export async function driveAsync<T>(step: Step<T>): Promise<T> {
  let r = step.next();
  while (!r.done) {
    let value: unknown;
    try {
      value = await r.value;
    } catch (e) {
      r = step.throw(e);
      continue;
    }
    r = step.next(value);
  }
  return r.value;
}
