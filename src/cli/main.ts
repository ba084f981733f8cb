/**
 * `npm run cli -- <command> [options]` (tsx src/cli/main.ts): the optimizers and the critical-point finder from the
 * command line, over the same engines as the app. Commands and options: runCli.ts, or `npm run cli -- help`.
 * Exit codes: 0 success, 2 bad input (one line on stderr, nothing on stdout), 1 internal error.
 */
import { runCliAsync } from './runCli';

const outcome = await runCliAsync(process.argv.slice(2));
if (outcome.stdout) process.stdout.write(`${outcome.stdout}\n`);
if (outcome.stderr) process.stderr.write(`${outcome.stderr}\n`);
process.exitCode = outcome.code;
