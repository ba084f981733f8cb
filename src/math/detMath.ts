import stdlibCos from '@stdlib/math-base-special-cos';
import stdlibExp from '@stdlib/math-base-special-exp';
import stdlibLn from '@stdlib/math-base-special-ln';
import stdlibSin from '@stdlib/math-base-special-sin';

/**
 * Elementary functions that give the same bits in every JavaScript engine: FDLIBM's algorithms (Sun Microsystems
 * 1993) written in IEEE-754 arithmetic, whose +, −, ×, ÷ and √ are correctly rounded everywhere. Math.exp, Math.log,
 * Math.sin and Math.cos are only "implementation-approximated" (ECMA-262 §21.3.2): Node 20's V8 and Chromium 156's
 * differ in the last bits of all four. That is harmless for a figure, but a search that branches on repeated
 * eigenvalues (the tree MDP's and the lever game's) amplifies it into different rides, so the seeded engines use
 * these, and a seed gives the same result in Node, in a worker and in every browser. About 3 to 5 times slower than
 * the built-ins; the engines call them O(n) times per O(n²) Hessian, which hides it.
 */
export const detExp: (x: number) => number = stdlibExp;
export const detLn: (x: number) => number = stdlibLn;
export const detSin: (x: number) => number = stdlibSin;
export const detCos: (x: number) => number = stdlibCos;
