import { Agent, request } from 'node:http';
import { msSince } from './stats.js';

export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
  path?: unknown[];
}

export interface GqlResult<T = Record<string, any>> {
  readonly status: number;
  readonly data: T | null;
  readonly errors?: GqlError[];
  /** Wall-clock time from sending the request to having the whole body parsed. */
  readonly ms: number;
}

/**
 * A minimal GraphQL-over-HTTP client on one keep-alive connection (node:http, no dependencies), so that every
 * measured request reuses the same socket the way a browser or a BFF would.
 */
export class GqlClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 10_000 });
  private readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL('/graphql', baseUrl);
  }

  post<T = Record<string, any>>(token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResult<T>> {
    const body = Buffer.from(JSON.stringify({ query, variables }));
    const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': body.length };
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request(
        { agent: this.agent, host: this.url.hostname, port: this.url.port, path: this.url.pathname, method: 'POST', headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: { data?: T | null; errors?: GqlError[] };
            try {
              parsed = JSON.parse(text) as typeof parsed;
            } catch {
              parsed = { data: null, errors: [{ message: `HTTP ${res.statusCode}, not JSON: ${text.slice(0, 200)}` }] };
            }
            const ms = msSince(start);
            resolve({ status: res.statusCode ?? 0, data: parsed.data ?? null, errors: parsed.errors, ms });
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('request timed out after 30 s')));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
