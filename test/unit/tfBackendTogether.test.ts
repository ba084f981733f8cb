import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initTfBackend } from '../../src/platform/tfBackend';

/**
 * TF.js has one backend per process. Runs that start together (the command line's tests run several in one process)
 * each ask for wasm before it has initialized; they must take turns, or one sees wasm still pending, falls back to
 * cpu and switches every run's computation to cpu midway (the runs then report wasm and compute on cpu).
 */
describe('TF.js backend chain, several callers at once', () => {
  it('every caller gets wasm, none falls back to cpu, and wasm stays active', async () => {
    const choices = await Promise.all([0, 1, 2, 3].map(() => initTfBackend(['wasm', 'cpu'])));
    for (const c of choices) {
      expect(c.name).toBe('wasm');
      expect(c.tried.map((t) => t.name)).toEqual(['wasm']);
    }
    expect(tf.getBackend()).toBe('wasm');
  });
});
