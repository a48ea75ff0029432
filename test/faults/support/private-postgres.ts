import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './processes.js';
import { onExit } from './cleanup.js';

const run = promisify(execFile);

/** Debian's server binaries (postgresql-NN); the newest installed version. */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions.length) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  return join(root, versions[0]!, 'bin');
}

/**
 * A throw-away PostgreSQL cluster of one test's own (never the machine's shared server): initdb into a fresh
 * directory under /tmp, trust auth, loopback only, a free port. PostgreSQL refuses to run as root, so as root every
 * server command runs as the `postgres` user (runuser). stop()/start() are the fault; destroy() removes everything,
 * and an exit hook does the same (pg_ctl stop -m immediate, then rm -rf) if the test dies first.
 */
export class PrivatePostgres {
  private readonly bin = binDir();
  private readonly asPostgres = process.getuid?.() === 0;
  private forget?: () => void;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'praksisbro-faults-pg-'));
    const pg = new PrivatePostgres(dir, await freePort());
    pg.forget = onExit(() => pg.destroySync());
    if (pg.asPostgres) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    await pg.exec('initdb', ['-D', pg.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await pg.start();
    return pg;
  }

  private command(tool: string, args: string[]): [string, string[]] {
    const path = join(this.bin, tool);
    return this.asPostgres ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  }

  private async exec(tool: string, args: string[]): Promise<string> {
    const [cmd, argv] = this.command(tool, args);
    try {
      const { stdout } = await run(cmd, argv, { cwd: this.dir, timeout: 60_000 });
      return stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${e.stderr || e.message}\n${this.logTail()}`);
    }
  }

  /** Starts the server and waits until it accepts connections. */
  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dir}`,
      '-c fsync=off', // a throw-away cluster: the faults are process stops, not power cuts
      '-c max_connections=100',
      '-c shared_buffers=64MB',
    ].join(' ');
    await this.exec('pg_ctl', ['start', '-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-w', '-t', '30', '-o', options]);
  }

  /** `pg_ctl stop -m fast`: open sessions are terminated, the server shuts down cleanly and stops listening. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.exec('pg_ctl', ['stop', '-D', this.dataDir, '-m', mode, '-w', '-t', '30']);
  }

  logTail(chars = 3000): string {
    try {
      return readFileSync(join(this.dir, 'server.log'), 'utf8').slice(-chars);
    } catch {
      return '';
    }
  }

  private running(): boolean {
    return existsSync(join(this.dataDir, 'postmaster.pid'));
  }

  async destroy(): Promise<void> {
    if (this.running()) await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    this.forget?.();
  }

  private destroySync(): void {
    if (this.running()) {
      const [cmd, argv] = this.command('pg_ctl', ['stop', '-D', this.dataDir, '-m', 'immediate', '-w', '-t', '20']);
      try {
        execFileSync(cmd, argv, { cwd: this.dir, stdio: 'ignore', timeout: 25_000 });
      } catch {
        // fall through to removing the directory; the postmaster exits when its data directory disappears
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
