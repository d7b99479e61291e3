/** The command line of `npm run bench` (`npm run bench -- --help`). */
import { parseArgs } from 'node:util';
import { DEFAULT_BIG_SCRIPT_SIZE } from '../emulator/constants.ts';
import { standardPorts, type Ports } from './servers.ts';

export interface Options {
  ports: Ports;
  runs: number;
  bigScriptSize: number;
  edits: number;
  waitForPorts: number;
  timeoutMinutes: number;
  /** Scenario names to run (navigation always runs), or null for all. */
  only: string[] | null;
  /** Added by the emulator to every Graph request: the realistic-network variant (README, "Performance"). */
  graphLatencyMs: number;
  /** Where to write a CPU profile of each scenario (or of its named steps) of each run, or null for none. */
  profileDir: string | null;
  /** Where to write a Chromium trace of the same steps instead, or null for none. */
  traceDir: string | null;
}

const HELP = `npm run bench -- [options]

  --runs <n>               measured runs (default 5)
  --big-script-size <n>    user states in the big script (default ${DEFAULT_BIG_SCRIPT_SIZE})
  --edits <n>              inline edits per run (default 3)
  --wait-for-ports <s>     wait up to s seconds for ports ${standardPorts.app} and ${standardPorts.emulator} to be free (default 0: fail at once)
  --only <a,b>             only these scenarios (navigation, which signs in, always runs): memory,
                           search, edit, export, import-preview, bulk, devices; for working on one
  --graph-latency <ms>     the emulator answers every Graph request this much later (default 0):
                           the realistic-network variant, same figures (README, "Performance")
  --profile <dir>          write a Chromium CPU profile of each scenario of each run to dir (or of the
                           steps it names: the opens, the keystrokes, each Enter), with its main-thread
                           time by source (README, "Performance"); timings run slower
  --trace <dir>            the same steps as a Chromium performance trace (frames, style, layout, paint),
                           with the main thread's time by kind of work; not with --profile
  --timeout <minutes>      give up after this long (default 12 + 5 per run: the bulk edit takes about 2)
  --app-port <n>           serve the app on another port (default ${standardPorts.app}; the emulator is told to accept it)
  --emulator-port <n>      run the emulator on another port (default ${standardPorts.emulator}; the bench's build points at it)
  --help

Other ports are for trying the benchmark while another server holds 5173/5174; published numbers
use the standard ports.`;

export function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      'big-script-size': { type: 'string' },
      edits: { type: 'string' },
      'wait-for-ports': { type: 'string' },
      timeout: { type: 'string' },
      only: { type: 'string' },
      'graph-latency': { type: 'string' },
      profile: { type: 'string' },
      trace: { type: 'string' },
      'app-port': { type: 'string' },
      'emulator-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  const whole = (value: string | undefined, name: string, fallback: number, min: number): number => {
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min)
      throw new Error(`${name} must be a whole number of at least ${min}, got "${value}"`);
    return Number(value);
  };
  // Each slows the page in its own way: recorded together, neither would show the page as it runs.
  if (values.profile !== undefined && values.trace !== undefined) throw new Error('--profile and --trace record the same steps: choose one');
  const runs = whole(values.runs, '--runs', 5, 1);
  const ports: Ports = {
    app: whole(values['app-port'], '--app-port', standardPorts.app, 1),
    emulator: whole(values['emulator-port'], '--emulator-port', standardPorts.emulator, 1),
  };
  return {
    ports,
    runs,
    bigScriptSize: whole(values['big-script-size'], '--big-script-size', DEFAULT_BIG_SCRIPT_SIZE, 1),
    edits: whole(values.edits, '--edits', 3, 1),
    waitForPorts: whole(values['wait-for-ports'], '--wait-for-ports', 0, 0),
    timeoutMinutes: whole(values.timeout, '--timeout', 12 + 5 * runs, 1),
    graphLatencyMs: whole(values['graph-latency'], '--graph-latency', 0, 0),
    profileDir: values.profile ?? null,
    traceDir: values.trace ?? null,
    only: values.only === undefined ? null : values.only.split(',').map((name) => name.trim()).filter(Boolean),
  };
}
