import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from 'pino';

/** Counts SQL statements (for the N+1 tests and metrics) and logs slow or failed queries through pino. */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  /** Statements issued inside one request's async context: background work (the matching feed) is not counted. */
  readonly scope = new AsyncLocalStorage<{ count: number }>();
  constructor(private readonly pinoLog?: Logger) {}
  logQuery(): void {
    this.count++;
    const request = this.scope.getStore();
    if (request) request.count++;
  }
  logQueryError(error: string | Error, query: string): void {
    this.pinoLog?.warn({ err: error, query: query.slice(0, 500) }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.pinoLog?.warn({ ms: time, query: query.slice(0, 500) }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.pinoLog?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.pinoLog?.warn(String(message));
  }
}
