import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { TokenService } from '#lib/auth';
import { createLogger } from '#lib/logging';
import { QUERY_COUNTER } from '#lib/schema';
import type { QueryCounter } from '#lib/database';
import { testConfig } from './test-config.js';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; path?: string[]; extensions: { code: string; field?: string; [k: string]: unknown } }>;
}

/** Boots the real api on a random port against the test database and Redis; tests talk HTTP to it. */
export class ApiHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
  ) {}

  static async start(): Promise<ApiHarness> {
    const config = testConfig();
    const app = await createApiApp(config, createLogger(process.env.LOG_LEVEL ?? 'warn', 'api-test'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    return new ApiHarness(app, `http://127.0.0.1:${address.port}`);
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  get queries(): QueryCounter {
    return this.app.get<QueryCounter>(QUERY_COUNTER);
  }

  token(userId: string): Promise<string> {
    return this.app.get(TokenService).issue(userId);
  }

  async gql<T = Record<string, any>>(userIdOrToken: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (userIdOrToken) headers.authorization = `Bearer ${userIdOrToken.includes('.') ? userIdOrToken : await this.token(userIdOrToken)}`;
    const res = await fetch(`${this.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as Omit<GqlResponse<T>, 'status'>;
    return { status: res.status, ...body };
  }

  /** Runs a query and fails the test with the GraphQL errors if there are any. */
  async ok<T = Record<string, any>>(userId: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await this.gql<T>(userId, query, variables);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data!;
  }

  async stop(): Promise<void> {
    await this.app.close();
  }
}

export function errorCode(res: GqlResponse): string | undefined {
  return res.errors?.[0]?.extensions.code;
}
