import { describe, expect, it } from 'vitest';
import { loadMnistNode } from '../../src/cli/mnistNode';
import { COLORED_INPUTS, coloredMnist, describeColoredEnv } from '../../src/data/coloredMnist';

describe('Colored MNIST (Arjovsky et al. 2019; Parker-Holder et al. 2020, Table 1)', () => {
  const train = loadMnistNode('train');
  const envs = coloredMnist(train, 1);

  it('has two training environments of 25,000 and a test environment of 10,000, with label noise 0.25 and colour agreement 0.8, 0.9 and 0.1', () => {
    const d = envs.map(describeColoredEnv);
    expect(d.map((x) => x.size)).toEqual([25_000, 25_000, 10_000]);
    // Binomial standard errors: √(0.25·0.75/25000) ≈ 0.0027, √(0.2·0.8/25000) ≈ 0.0025; five of them allowed.
    for (const x of d) expect(Math.abs(x.labelNoise - 0.25)).toBeLessThan(5 * Math.sqrt(0.1875 / x.size));
    [0.8, 0.9, 0.1].forEach((p, e) => expect(Math.abs(d[e]!.colourAgreement - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / d[e]!.size)));
  });

  it('splits train[:50000] between the two training environments and keeps train[50000:] as the test environment, in order', () => {
    const count = (e: number) => Array.from(envs[e]!.digits).reduce((h, dgt) => { h[dgt]!++; return h; }, new Array(10).fill(0) as number[]);
    const whole = new Array(10).fill(0) as number[];
    for (let i = 0; i < 50_000; i++) whole[train.labels[i]!]!++;
    expect(count(0).map((c, dgt) => c + count(1)[dgt]!)).toEqual(whole);
    expect(Array.from(envs[2].digits.subarray(0, 10))).toEqual(Array.from(train.labels.subarray(50_000, 50_010)));
  });

  it('draws each image at 14 × 14 in its colour\'s channel only, and is seeded', () => {
    const e = envs[2];
    for (let k = 0; k < 50; k++) {
      const x = e.inputs.subarray(k * COLORED_INPUTS, (k + 1) * COLORED_INPUTS);
      const [red, green] = [x.subarray(0, 196), x.subarray(196)];
      const lit = e.colours[k] === 1 ? red : green;
      const dark = e.colours[k] === 1 ? green : red;
      expect(dark.every((v) => v === 0)).toBe(true);
      expect(lit.some((v) => v > 0.5)).toBe(true);
      // Pixel (r, q) is MNIST's (2r, 2q).
      expect(lit[7 * 14 + 7]).toBe(Math.fround(train.images[(50_000 + k) * 784 + 14 * 28 + 14]! / 255));
    }
    const again = coloredMnist(train, 1);
    expect(Array.from(again[0].labels.subarray(0, 100))).toEqual(Array.from(envs[0].labels.subarray(0, 100)));
    expect(Array.from(coloredMnist(train, 2)[0].labels.subarray(0, 100))).not.toEqual(Array.from(envs[0].labels.subarray(0, 100)));
  });
});
