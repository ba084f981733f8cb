/** Ticks 1, 2, 5 × 10ᵏ in [lo, hi]; only 10ᵏ where those would be more than `most`; none in a range narrower than that holds. */
export function logTicks(lo: number, hi: number, most: number): number[] {
  const pick = (mantissas: readonly number[]) => {
    const out: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
      for (const m of mantissas) { const v = Number((m * 10 ** k).toPrecision(12)); if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v); }
    }
    return out;
  };
  const fine = pick([1, 2, 5]);
  return fine.length <= most ? fine : pick([1]);
}
