import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { killOnExit } from './cleanup.js';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms`);
    await sleep(everyMs);
  }
}

/** A compiled entry point run as its own process (as production runs it), keeping the tail of its output. */
export class NodeProcess {
  readonly child: ChildProcess;
  private output = '';
  /** Exits we did not ask for (a crash is a finding: the service must survive its dependencies going away). */
  unexpectedExit?: string;
  private stopping = false;

  constructor(
    readonly name: string,
    entry: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [entry], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(this.child);
    let partial = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      this.output = (this.output + text).slice(-30_000);
      // Error and fatal log lines are kept apart (the tail fills up with warnings while a dependency is down).
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (/"level":(50|60)/.test(line) && this.errorLines.length < 200) this.errorLines.push(line);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.child.once('exit', (code, signal) => {
      if (!this.stopping) this.unexpectedExit = `${name} exited by itself (code ${code}, signal ${signal}):\n${this.tail()}`;
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  tail(chars = 4000): string {
    return this.output.slice(-chars);
  }

  /** Log lines at level error or fatal (the first 200), for diagnosing an INTERNAL_SERVER_ERROR. */
  readonly errorLines: string[] = [];

  /** SIGTERM (or the given signal); SIGKILL when it has not exited after `graceMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.running && this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

export async function startApi(env: Record<string, string>, timeoutMs = 40_000): Promise<{ proc: NodeProcess; url: string }> {
  const port = await freePort();
  const proc = new NodeProcess('api', 'dist/apps/api/src/main.js', { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!proc.running) throw new Error(`api exited during start-up:\n${proc.tail()}`);
    try {
      if ((await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) })).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`api not healthy within ${timeoutMs} ms:\n${proc.tail()}`);
    }
    await sleep(150);
  }
  return { proc, url };
}

export function startWorker(env: Record<string, string>): NodeProcess {
  return new NodeProcess('worker', 'dist/apps/worker/src/main.js', env);
}

/** Runs a compiled script (dist/scripts/*.js) to completion; throws with its output when it fails. */
export function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const forget = killOnExit(child);
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      forget();
      if (code === 0) resolve(output);
      else reject(new Error(`${script} ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${output.slice(-3000)}`));
    });
  });
}
