import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
/** The tsx binary `npx tsx` would run; called directly so npm's own warnings do not reach stderr. */
const TSX = resolve(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

export interface Spawned { code: number; stdout: string; stderr: string }

/** `npx tsx src/cli/main.ts ...args` as a child process, from the repository root; never throws. */
export async function cli(...args: string[]): Promise<Spawned> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/main.ts', ...args], { cwd: ROOT, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}
