import { checkSpec, ModelError, paramLayout, type MlpSpec } from './mlpSpec';
import { createNetProblem, type HvpBatch, type HvpMethod } from './netProblem';

export type { HvpBatch, HvpMethod } from './netProblem';

/** A network's Hessian-vector products at fixed parameters (nn/netProblem.ts at one θ): what Lanczos and SLQ need. */
export interface HvpOperator {
  readonly n: number;
  readonly method: HvpMethod;
  /** The TF.js backend the products run on. */
  readonly backend: string;
  lossAndGradient(): Promise<{ loss: number; grad: Float64Array }>;
  hvp(v: ArrayLike<number>): Promise<Float64Array>;
  /** Frees the tensors (the data); the operator is unusable afterwards. */
  dispose(): void;
}

export function createHvpOperator(spec: MlpSpec, params: ArrayLike<number>, batch: HvpBatch, method: HvpMethod = 'autodiff'): HvpOperator {
  checkSpec(spec);
  const n = paramLayout(spec.layers).count;
  if (params.length !== n) throw new ModelError(`the network has ${n} parameters, got ${params.length}`);
  if (!Array.from(params).every(Number.isFinite)) throw new ModelError('the parameters hold a number that is not finite');
  const problem = createNetProblem(spec, batch, method);
  const theta = Float64Array.from(params);
  let disposed = false;
  const alive = () => { if (disposed) throw new Error('the operator was disposed'); };
  return {
    n, method, backend: problem.backend,
    async lossAndGradient() {
      alive();
      const { f, grad } = await problem.lossAndGradient(theta);
      return { loss: f, grad: Float64Array.from(grad) };
    },
    async hvp(v) {
      alive();
      if (v.length !== n) throw new Error(`v has ${v.length} entries, the network ${n} parameters`);
      return Float64Array.from(await problem.hvp(theta, Float64Array.from(v)));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      problem.dispose();
    },
  };
}
