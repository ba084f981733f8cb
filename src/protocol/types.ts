/** Kind of a critical point, from the signs of the Hessian eigenvalues (degenerate: one is ~0). */
export type CriticalKind = 'minimum' | 'saddle' | 'maximum' | 'degenerate';
