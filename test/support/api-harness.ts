import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { DataSource } from 'typeorm';
import { signHs256Token } from '#lib/auth';
import { JWT_DEFAULTS } from '#lib/config';
import { createDataSource } from '#lib/schema';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  sqlStatements: number;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; field?: string; [k: string]: unknown } }>;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

/** Starts a compiled entry point (api or worker) as its own process, exactly as production runs it. */
export function startProcess(entry: string, env: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.once('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) process.stderr.write(`${entry} exited with ${code}:\n${output}\n`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** The real api process on a free port against the test database and Redis; tests talk HTTP to it. */
export class ApiHarness {
  private constructor(
    readonly process: ChildProcess,
    readonly url: string,
    readonly dataSource: DataSource,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ApiHarness> {
    const port = await freePort();
    const child = startProcess('dist/apps/api/src/main.js', { PORT: String(port), ...env });
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error('api process exited during start-up');
      try {
        if ((await fetch(`${url}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('api did not become healthy within 20 s');
      await new Promise((r) => setTimeout(r, 150));
    }
    const ds = createDataSource(process.env.DATABASE_URL!);
    await ds.initialize();
    return new ApiHarness(child, url, ds);
  }

  token(userId: string, ttlSeconds = 3600): Promise<string> {
    return signHs256Token(process.env.JWT_SECRET!, userId, ttlSeconds, JWT_DEFAULTS);
  }

  async gql<T = Record<string, any>>(userIdOrToken: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (userIdOrToken) headers.authorization = `Bearer ${userIdOrToken.includes('.') ? userIdOrToken : await this.token(userIdOrToken)}`;
    const res = await fetch(`${this.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as Omit<GqlResponse<T>, 'status' | 'sqlStatements'>;
    return { status: res.status, sqlStatements: Number(res.headers.get('x-sql-statements') ?? NaN), ...body };
  }

  /** Runs a query and fails the test with the GraphQL errors if there are any. */
  async ok<T = Record<string, any>>(userId: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.gql<T>(userId, query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data!;
  }

  async stop(): Promise<void> {
    await this.dataSource.destroy();
    await stopProcess(this.process);
  }
}

export function errorCode(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions.code;
}
