import { paramLayout, type MlpSpec } from './mlpSpec';

/**
 * The first layer's weights as images: for each hidden unit j, its incoming weights W₁[·, j] (one per input pixel)
 * laid out side × side, scaled to [−1, 1] by the unit's largest |weight| (0 for a unit whose weights are all zero).
 * Returns one Float32Array of side² values per unit, row-major.
 */
export function firstLayerImages(spec: MlpSpec, params: ArrayLike<number>, side: number): Float32Array[] {
  const inputs = spec.layers[0]!;
  if (side * side !== inputs) throw new Error(`the first layer has ${inputs} inputs, not ${side} × ${side}`);
  const units = spec.layers[1]!;
  const { w } = paramLayout(spec.layers);
  return Array.from({ length: units }, (_, j) => {
    const img = new Float32Array(inputs);
    let max = 0;
    for (let i = 0; i < inputs; i++) { const v = params[w[0]! + i * units + j]!; img[i] = v; max = Math.max(max, Math.abs(v)); }
    if (max > 0) for (let i = 0; i < inputs; i++) img[i] = img[i]! / max;
    return img;
  });
}
