import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { isUuid } from '#lib/core';

/**
 * Defence in depth for personal data: PostgreSQL row-level security (migration RowLevelSecurity) lets the api's
 * database role see only the rows the caller's organisation may see. The policies read transaction-local settings
 * (`praksisbro.role`, `.org_id`, `.user_id`, `.employer_id`, `.system`) that this module sets at the start of every
 * transaction the api runs for a request, so a query that forgets its WHERE clause returns nothing rather than
 * everything. With no settings at all, the policies show nothing.
 */
export type RowScope =
  /** Nobody has been identified yet (or the request is anonymous): the policies show no rows. */
  | { readonly kind: 'none' }
  /** Background work of the api process itself (the matching index feed): every row. */
  | { readonly kind: 'system' }
  | {
      readonly kind: 'caller';
      readonly role: string;
      readonly organisationId: string | null;
      readonly userId: string | null;
      readonly employerId: string | null;
    };

/** One per request: the request starts with no access and becomes the caller once authenticated. */
export class RowScopeHolder {
  constructor(public scope: RowScope = { kind: 'none' }) {}
}

const storage = new AsyncLocalStorage<RowScopeHolder>();

export const RowScopes = {
  /** Runs `fn` (and everything it starts) under `holder`; the holder may be narrowed or widened later in the request. */
  run<T>(holder: RowScopeHolder, fn: () => T): T {
    return storage.run(holder, fn);
  },
  /**
   * Work the api does for itself rather than for a caller. Settings are made when a transaction starts (or per
   * statement outside one), so this cannot widen a transaction already open: use acrossOrganisations there.
   */
  system<T>(fn: () => T): T {
    return storage.run(new RowScopeHolder({ kind: 'system' }), fn);
  },
  /** The scope of the current request or background task; undefined outside any. */
  current(): RowScope | undefined {
    return storage.getStore()?.scope;
  },
  /** Sets the current request's scope once its caller is known (a no-op outside a request). */
  become(scope: RowScope): void {
    const holder = storage.getStore();
    if (holder) holder.scope = scope;
  },
};

const ROLE = /^[A-Z_]{1,40}$/;

/**
 * One simple-protocol statement (no parameters, so it can follow BEGIN in the same round trip). Values are inlined
 * only after a strict format check; anything else becomes '' which the policies treat as "no access".
 */
export function scopeSettingsSql(scope: RowScope): string {
  const caller = scope.kind === 'caller' ? scope : undefined;
  const values: Record<string, string> = {
    system: scope.kind === 'system' ? 'on' : 'off',
    role: caller && ROLE.test(caller.role) ? caller.role : '',
    org_id: isUuid(caller?.organisationId) ? caller.organisationId : '',
    user_id: isUuid(caller?.userId) ? caller.userId : '',
    employer_id: isUuid(caller?.employerId) ? caller.employerId : '',
  };
  return `SELECT ${Object.entries(values)
    .map(([name, value]) => `set_config('praksisbro.${name}', '${value}', true)`)
    .join(', ')}`;
}

interface RawConnection {
  query(sql: string): Promise<unknown>;
}

type ScopedRunner = QueryRunner & { connect(): Promise<RawConnection> };

/**
 * Makes every query runner of `dataSource` carry the current RowScope into PostgreSQL: a transaction gets the
 * settings right after it starts; a statement outside a transaction is wrapped in one (BEGIN + settings, the
 * statement, COMMIT), so settings never outlive the transaction they were made for and a pooled connection never
 * carries one caller's scope to the next. The extra statements go straight to the connection: they are not
 * counted or logged as the application's queries. Outside any scope (start-up, migrations), queries run as they are.
 */
export function applyRowScopes(dataSource: DataSource): DataSource {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => scopeRunner(create(mode) as ScopedRunner);
  return dataSource;
}

const SCOPED = Symbol('row-scoped query runner');

/**
 * Runs `fn` with every row visible, for the few reads whose meaning is about everyone rather than the caller's
 * organisation (a placement's free slots, an employer's monthly cap, an employer's ledger) and that return counts
 * or states, never people. In a transaction it turns the transaction's system setting on for `fn` and off again;
 * outside one, `fn` runs in the system scope. Keep `fn` to exactly those reads.
 */
export async function acrossOrganisations<T>(em: EntityManager, fn: () => Promise<T>): Promise<T> {
  const runner = em.queryRunner as (ScopedRunner & { [SCOPED]?: true }) | undefined;
  if (!runner?.isTransactionActive) return RowScopes.system(fn);
  const scope = RowScopes.current();
  if (!runner[SCOPED] || !scope || scope.kind === 'system') return fn();
  const connection = await runner.connect();
  await connection.query(`SELECT set_config('praksisbro.system', 'on', true)`);
  try {
    return await fn();
  } finally {
    // Back to the caller's 'off' (the system scope was ruled out above). If this fails the transaction is broken
    // and cannot commit; if fn failed it is rolling back anyway and fn's error is the one to keep.
    await connection.query(`SELECT set_config('praksisbro.system', 'off', true)`).catch(() => undefined);
  }
}

function scopeRunner(runner: ScopedRunner): QueryRunner {
  (runner as { [SCOPED]?: true })[SCOPED] = true;
  const startTransaction = runner.startTransaction.bind(runner);
  const query = runner.query.bind(runner) as (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;

  runner.startTransaction = async (isolationLevel) => {
    await startTransaction(isolationLevel);
    const scope = RowScopes.current();
    // Savepoints (nested transactions) inherit the outer transaction's settings.
    if (scope && (runner as unknown as { transactionDepth: number }).transactionDepth === 1) await (await runner.connect()).query(scopeSettingsSql(scope));
  };

  (runner as { query: unknown }).query = async (sql: string, params?: unknown[], structured?: boolean) => {
    const scope = RowScopes.current();
    if (!scope || runner.isTransactionActive) return query(sql, params, structured);
    const connection = await runner.connect();
    await connection.query(`BEGIN; ${scopeSettingsSql(scope)}`);
    let result: unknown;
    try {
      result = await query(sql, params, structured);
    } catch (err) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    await connection.query('COMMIT');
    return result;
  };
  return runner;
}
