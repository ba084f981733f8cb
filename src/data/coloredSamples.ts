import { COLORED_INPUTS, COLORED_SIDE, describeColoredEnv, type ColoredEnv } from './coloredMnist';

/** The first images of an environment, for the samples viewer: intensity 0–255 (14 × 14 each) with label, colour and digit. */
export interface ColoredSampleEnv {
  readonly name: ColoredEnv['name'];
  readonly size: number;
  readonly colourFlip: number;
  readonly labelNoise: number;
  readonly colourAgreement: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly colours: Uint8Array;
  readonly digits: Uint8Array;
}

/** The first `count` images of each environment and the environment's rates (data/coloredMnist.ts). */
export function coloredSamples(envs: readonly ColoredEnv[], count: number): ColoredSampleEnv[] {
  const plane = COLORED_SIDE * COLORED_SIDE;
  return envs.map((e) => {
    const n = Math.min(count, e.size);
    const images = new Uint8Array(n * plane);
    for (let k = 0; k < n; k++) {
      const o = k * COLORED_INPUTS + (e.colours[k] === 1 ? 0 : plane);
      for (let p = 0; p < plane; p++) images[k * plane + p] = Math.round(255 * e.inputs[o + p]!);
    }
    const d = describeColoredEnv(e);
    return {
      name: e.name, size: e.size, colourFlip: e.colourFlip, labelNoise: d.labelNoise, colourAgreement: d.colourAgreement, images,
      labels: e.labels.slice(0, n), colours: e.colours.slice(0, n), digits: e.digits.slice(0, n),
    };
  });
}
