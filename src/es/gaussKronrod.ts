/**
 * The 15-point Gauss–Kronrod rule on [−1, 1] with its embedded 7-point Gauss–Legendre rule (Kronrod 1965; the
 * constants of QUADPACK's qk15, Piessens et al. 1983): K15 = Σ_q WK_q g(XK_q) is exact for polynomials of degree ≤ 23,
 * G7 = Σ_q WG_q g(XK_q) (WG_q = 0 at the 8 Kronrod-only nodes) for degree ≤ 13, and |K15 − G7| is the usual free
 * error estimate (both use the same 15 values). Nodes ascending. test/unit/smoothing2d.test.ts checks the exactness.
 */

const HALF_NODES = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0,
];
const HALF_KRONROD = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
];
/** Gauss weights of the nodes HALF_NODES[1], [3], [5], [7]. */
const HALF_GAUSS = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189,
  0.4179591836734694];

export const GK_POINTS = 15;

/** Nodes x_q, ascending. */
export const XK = new Float64Array(GK_POINTS);
/** Kronrod weights (Σ = 2). */
export const WK = new Float64Array(GK_POINTS);
/** Gauss weights on the same nodes (0 at the Kronrod-only nodes; Σ = 2). */
export const WG = new Float64Array(GK_POINTS);

for (let i = 0; i < 8; i++) {
  const gauss = i % 2 === 1 ? HALF_GAUSS[(i - 1) / 2]! : 0;
  XK[i] = -HALF_NODES[i]!;
  WK[i] = HALF_KRONROD[i]!;
  WG[i] = gauss;
  XK[GK_POINTS - 1 - i] = HALF_NODES[i]!;
  WK[GK_POINTS - 1 - i] = HALF_KRONROD[i]!;
  WG[GK_POINTS - 1 - i] = gauss;
}
