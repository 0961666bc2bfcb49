import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { DRIVER_SOURCE, type Launcher, LIMIT_FRIENDLY_ENV, spawnWithChannel } from '../questions/harness/launch.js';

export type SandboxOptions = {
  /** The Python inside the sandbox; it must live under /usr (the only host tree the sandbox sees). */
  python: string;
  bwrap: string;
  /** Size of the private, writable /work and /tmp (tmpfs, so a run cannot fill the host's disk). */
  workDirMb: number;
  /** When the server runs as root, each worker slot runs code as its own unprivileged uid: uidBase + slot. */
  uidBase: number;
  /** Scheduling priority of the sandboxed processes (nice): above 0 yields to the web server. */
  niceness: number;
};

export const DEFAULT_SANDBOX: SandboxOptions = {
  python: '/usr/bin/python3',
  bwrap: 'bwrap',
  workDirMb: 64,
  uidBase: 61000,
  niceness: 10,
};

/** The host's top-level system folders: a symlink on merged-/usr systems (Debian 12), a folder elsewhere. */
function systemMounts(): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const dir of ['/bin', '/lib', '/lib64', '/lib32', '/sbin']) {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(dir);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(dir), dir);
    else if (st.isDirectory()) args.push('--ro-bind', dir, dir);
  }
  return args;
}

/**
 * The command line that runs the driver inside bubblewrap: no network (an empty network
 * namespace), new user/pid/ipc/uts/cgroup namespaces, a read-only view of /usr and nothing else of
 * the host (no /etc, no home, not the database), a private size-capped /work and /tmp, no
 * capabilities, a new session (no terminal to inject into), and death with its parent. The pid
 * namespace means that when the driver's run ends, every process it started ends with it.
 */
export function sandboxCommand(options: SandboxOptions, slot: number): { command: string; args: string[] } {
  const bytes = String(options.workDirMb * 1024 * 1024);
  const bwrapArgs = [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    '--cap-drop',
    'ALL',
    ...systemMounts(),
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    bytes,
    '--tmpfs',
    '/tmp',
    '--size',
    bytes,
    '--tmpfs',
    '/work',
    '--chdir',
    '/work',
    '--hostname',
    'sandbox',
    '--clearenv',
    '--setenv',
    'PATH',
    '/usr/bin:/bin',
    '--setenv',
    'HOME',
    '/work',
    '--setenv',
    'LANG',
    'C.UTF-8',
    '--setenv',
    'USER',
    'runner',
    '--setenv',
    'MALLOC_ARENA_MAX',
    LIMIT_FRIENDLY_ENV.MALLOC_ARENA_MAX,
    '--',
    options.python,
    '-I',
    '-c',
    DRIVER_SOURCE,
  ];
  // Candidates' code runs at a lower priority than the web server: pages stay quick while every
  // core runs submissions.
  const nice = ['-n', String(options.niceness)];
  if (process.geteuid?.() === 0) {
    // Root outside would still be root to the kernel's file checks: drop to a uid of our own.
    const uid = String(options.uidBase + slot);
    return {
      command: 'nice',
      args: [
        ...nice,
        'setpriv',
        `--reuid=${uid}`,
        `--regid=${uid}`,
        '--clear-groups',
        '--inh-caps=-all',
        '--',
        options.bwrap,
        ...bwrapArgs,
      ],
    };
  }
  return { command: 'nice', args: [...nice, options.bwrap, ...bwrapArgs] };
}

export function createSandboxLauncher(options: SandboxOptions, slot: number): Launcher {
  const { command, args } = sandboxCommand(options, slot);
  return {
    name: 'bwrap',
    isolated: true,
    launch: ({ payload, wallTimeoutMs }) =>
      spawnWithChannel({
        command,
        args,
        cwd: os.tmpdir(),
        // The sandbox's init process keeps this environment (it is readable in /proc/1/environ
        // inside): hand it nothing but a PATH.
        env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
        payload,
        wallTimeoutMs,
      }),
  };
}

const SYSTEM_PATH = '/usr/sbin:/usr/bin:/sbin:/bin';

function onPath(command: string): boolean {
  if (command.includes('/')) return fs.existsSync(command);
  return SYSTEM_PATH.split(':').some((dir) => fs.existsSync(`${dir}/${command}`));
}

/**
 * Can this machine run the sandbox? bubblewrap installed, user namespaces allowed, Python under
 * /usr. Returns the reason when not, in one line for the startup log.
 */
type ProbeResult = { ok: true } | { ok: false; reason: string };
type ProbeError = { code?: string | number | null; stderr?: Buffer | string };

/** What the probe runs, or why it cannot run at all. */
function probePlan(options: SandboxOptions): { command: string; args: string[] } | { ok: false; reason: string } {
  if (!fs.existsSync(options.python)) {
    return { ok: false, reason: `${options.python} is missing (apt-get install python3)` };
  }
  if (!onPath(options.bwrap))
    return { ok: false, reason: `${options.bwrap} is not installed (apt-get install bubblewrap)` };
  const { command, args } = sandboxCommand(options, 0);
  return { command, args: args.slice(0, args.indexOf('-c') + 1).concat('import sys; sys.stdout.write("ok")') };
}

const PROBE_OPTIONS = { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, timeout: 10_000 } as const;

function probeVerdict(command: string, out: string, err: ProbeError | null): ProbeResult {
  if (!err) return out === 'ok' ? { ok: true } : { ok: false, reason: 'bubblewrap ran but Python printed nothing' };
  if (err.code === 'ENOENT') return { ok: false, reason: `${command} is not installed (apt-get install bubblewrap)` };
  const stderr = err.stderr?.toString().trim().split('\n').pop() ?? String(err);
  return { ok: false, reason: `bubblewrap cannot start a sandbox here: ${stderr}` };
}

/** Starts one sandboxed Python and checks it prints: can code run here at all? */
export function probeSandbox(options: SandboxOptions): ProbeResult {
  const plan = probePlan(options);
  if ('ok' in plan) return plan;
  try {
    const out = execFileSync(plan.command, plan.args, { ...PROBE_OPTIONS, stdio: ['ignore', 'pipe', 'pipe'] });
    return probeVerdict(plan.command, out.toString(), null);
  } catch (err) {
    return probeVerdict(plan.command, '', err as ProbeError);
  }
}

/** probeSandbox without blocking: the server starts the probe first and prepares the bank meanwhile. */
export function probeSandboxAsync(options: SandboxOptions): Promise<ProbeResult> {
  const plan = probePlan(options);
  if ('ok' in plan) return Promise.resolve(plan);
  return new Promise((resolve) => {
    const child = execFile(plan.command, plan.args, PROBE_OPTIONS, (err, stdout, stderr) =>
      resolve(probeVerdict(plan.command, stdout, err ? { code: err.code, stderr } : null)),
    );
    child.stdin?.end();
  });
}
