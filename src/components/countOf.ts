/** A count with its noun in the right number, e.g. "1 ride", "3 rides", "12,345 Hessian-vector products". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
