import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { killOnExit, removeOnExit } from './cleanup.js';
import { freePort, waitFor } from './processes.js';

const run = promisify(execFile);

/**
 * A redis-server of one test's own (never the shared one on 6379), with an append-only file in a temporary
 * directory, as README's deployment notes ask for production. kill() is the fault (SIGKILL: no final save, only
 * what the AOF already holds survives); start() brings it back on the same port and directory.
 */
export class PrivateRedis {
  private child?: ChildProcess;
  private forgetDir: () => void;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.forgetDir = removeOnExit(dir);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  static async create(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(mkdtempSync(join(tmpdir(), 'praksisbro-faults-redis-')), await freePort());
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', this.dir], { stdio: 'ignore' });
    killOnExit(this.child);
    await waitFor('redis-server answering PING', async () => (await this.cli('ping')) === 'PONG', 10_000, 50);
  }

  async cli(...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-p', String(this.port), ...args], { timeout: 5_000 }).catch(() => ({ stdout: '' }))).stdout.trim();
  }

  /** SIGKILL: the hardest way Redis can go away (no shutdown save; the AOF is all that survives). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  /** While stopped: remove its files, so the next start() comes back empty (data lost, as after a failover to an empty replica). */
  async wipe(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) throw new Error('wipe() needs a stopped redis-server');
    for (const entry of readdirSync(this.dir)) rmSync(join(this.dir, entry), { recursive: true, force: true });
  }

  async destroy(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
    this.forgetDir();
  }
}
