import { meanStd } from './meanStd';

/**
 * Mean and 95% interval of accuracies in [0, 1], in percent: 1.96 standard errors of the mean with the sample
 * standard deviation (meanStd's population one times √(n / (n − 1))), a normal approximation; 0 for a single value.
 */
export function interval95(v: readonly number[]): { mean: number; ci95: number } {
  const { mean, std } = meanStd(v.map((x) => 100 * x));
  return { mean, ci95: v.length > 1 ? (1.96 * std) / Math.sqrt(v.length - 1) : 0 };
}
