/**
 * Seeded pseudo-random numbers for the engines (architecture.md, convention 3: randomness is injected as
 * `rng: () => number` and `Math.random` is banned). Everything here is deterministic given the seed, in every
 * JavaScript engine: the uniforms use only 32-bit integer arithmetic (`Math.imul`, `>>>`), the normals Box–Muller with
 * the engine-independent ln, sin and cos of detMath.ts.
 */
import { detCos, detLn, detSin } from './detMath';

/** A source of uniform variates u ∈ [0, 1). */
export type Rng = () => number;

/** 2³² as a number: maps a uint32 to [0, 1). */
const TWO_32 = 4294967296;

/**
 * Reduces an integer seed to a uint32: s mod 2³² (so −1 ↦ 2³² − 1). Throws for a non-integer or non-finite
 * seed, because silently truncating 1.5 or NaN would make two different URLs give the same run.
 */
export function seedToUint32(seed: number): number {
  if (!Number.isFinite(seed) || !Number.isInteger(seed)) {
    throw new Error(`seed must be an integer, got ${String(seed)}`);
  }
  const r = seed % TWO_32;
  return (r < 0 ? r + TWO_32 : r) >>> 0;
}

/**
 * mulberry32 (Tommy Ettinger, 2017; public domain): a 32-bit state a advanced by the Weyl sequence
 * a ← a + 0x6D2B79F5 (mod 2³²), output through an xorshift-multiply finalizer, divided by 2³²:
 *   t ← (a ⊕ a≫15)·(a | 1);  t ← t ⊕ (t + (t ⊕ t≫7)·(t | 61));  u = (t ⊕ t≫14) / 2³² ∈ [0, 1).
 * Period 2³²; passes gjrand/PractRand up to a few GB, ample for jittered grids and Monte Carlo on a screen.
 * Resolution is 2⁻³² (32 random bits per draw), not the 2⁻⁵³ of a full double.
 */
export function mulberry32(seed: number): Rng {
  let a = seedToUint32(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / TWO_32;
  };
}

/** The engines' default generator: `rngFromSeed(seed)` = mulberry32(seed mod 2³²). */
export function rngFromSeed(seed: number): Rng {
  return mulberry32(seed);
}

/**
 * A seed for the sub-stream named by `path` (integers, e.g. a Ridge Rider fingerprint Ψ), so that each named part of a
 * run draws its own numbers whatever the other parts drew: h₀ = seed mod 2³², h_{k+1} = ⌊2³² · mulberry32(h_k ⊕
 * (p_k mod 2³²))()⌋, one mixing round per entry (so [] , [0] and [0, 0] give different seeds).
 */
export function deriveSeed(seed: number, path: readonly number[]): number {
  let h = seedToUint32(seed);
  for (const p of path) h = Math.floor(mulberry32((h ^ seedToUint32(p)) >>> 0)() * TWO_32);
  return h;
}

/**
 * One standard normal z ~ N(0, 1) by the Box–Muller transform (Box & Muller 1958):
 *   z = √(−2 ln u₁) · cos(2π u₂),  u₁ ∈ (0, 1], u₂ ∈ [0, 1).
 * Uses two uniforms and discards the sine partner; use `normalSampler` to keep it. u₁ = 1 − rng() keeps ln finite.
 */
export function rngNormal(rng: Rng): number {
  const u1 = 1 - rng();
  const u2 = rng();
  return Math.sqrt(-2 * detLn(u1)) * detCos(2 * Math.PI * u2);
}

/**
 * A stateful N(0, 1) sampler over `rng` by Box–Muller that uses both outputs of each transform:
 *   (z₁, z₂) = √(−2 ln u₁) · (cos 2πu₂, sin 2πu₂),
 * returning z₁ and caching z₂ for the next call. Draw order is deterministic: two uniforms per pair of normals.
 */
export function normalSampler(rng: Rng): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * detLn(1 - rng()));
    const theta = 2 * Math.PI * rng();
    spare = r * detSin(theta);
    hasSpare = true;
    return r * detCos(theta);
  };
}

/** Fills `out` with i.i.d. N(mean, sd²) variates from a fresh `normalSampler(rng)`; returns `out`. */
export function normalFill(rng: Rng, out: Float64Array, mean = 0, sd = 1): Float64Array {
  const z = normalSampler(rng);
  for (let i = 0; i < out.length; i++) out[i] = mean + sd * z();
  return out;
}

/** A uniform integer in {0, …, n − 1} (n ≥ 1), as ⌊u·n⌋; the bias is below n/2³², negligible for small n. */
export function rngInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`rngInt needs a positive integer bound, got ${String(n)}`);
  return Math.min(n - 1, Math.floor(rng() * n));
}
