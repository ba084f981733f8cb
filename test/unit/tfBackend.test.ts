import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_TF_CHAIN, initTfBackend } from '../../src/platform/tfBackend';

/**
 * The TF.js backend chain in Node (the CLI and the unit tests): no Vite asset imports, so it loads here; webgpu is
 * not registered in Node and is skipped with its reason, wasm finds its binaries in the package and passes the smoke
 * test, and the chain leaves no tensors behind.
 */
describe('TF.js backend chain in Node', () => {
  it('falls back from webgpu to wasm, saying why, and leaks no tensor', async () => {
    const choice = await initTfBackend(DEFAULT_TF_CHAIN.filter((b) => b !== 'webgl'));
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.tried[0]).toMatchObject({ name: 'webgpu', ok: false });
    expect(choice.tried[0]!.error).toMatch(/not registered/);
    expect(choice.tried.at(-1)).toMatchObject({ name: 'wasm', ok: true });
    expect(['plain', 'simd', 'threaded-simd']).toContain(choice.tried.at(-1)!.detail);
    const before = tf.memory().numTensors;
    await initTfBackend(['wasm']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports every attempt when no backend of the chain works', async () => {
    await expect(initTfBackend(['webgpu', 'no-such-backend'])).rejects.toThrow(/no TF.js backend works: webgpu: not registered.*no-such-backend: not registered/);
  });
});
