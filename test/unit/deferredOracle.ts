import type { CurvatureOracle, CurvatureProbe, RidgesAt } from '../../src/ridge-rider';

/** The exact oracle with every answer delayed to a later macrotask, counting the calls. */
export function deferred<P extends CurvatureProbe>(inner: CurvatureOracle<P>, calls: Record<string, number>): CurvatureOracle<P> {
  const later = <T>(name: string, v: T): Promise<T> => {
    calls[name] = (calls[name] ?? 0) + 1;
    return new Promise((resolve) => setTimeout(() => resolve(v), 0));
  };
  return {
    n: inner.n,
    sync: false,
    probe: (theta, spare) => later('probe', inner.probe(theta, spare) as P),
    ridges: (at, o, c) => later('ridges', inner.ridges(at, o, c) as RidgesAt),
    follow: (at, from, h, out) => later('follow', inner.follow(at, from, h, out) as Awaited<ReturnType<typeof inner.follow>>),
    descend: (theta, o, record) => later('descend', inner.descend(theta, o, record) as Awaited<ReturnType<typeof inner.descend>>),
    checkDescend: (o) => inner.checkDescend(o),
  };
}

