import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { maintenanceUrl } from '#lib/database';

/** HS256 secret of the benchmarks' api and tokens (local, throw-away). */
export const BENCH_JWT_SECRET = 'praksisbro-bench-secret-not-for-production-0123456789';

/**
 * The environment of everything a benchmark starts on the national data set (migrate and seed scripts, api, worker):
 * production mode, only `databaseUrl` and its own Redis; nothing inherited but PATH and HOME.
 */
export function benchEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_OPTIONS: '',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    JWT_SECRET: BENCH_JWT_SECRET,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
}

/** Rows of the national data set (libs/demo-data, scale "national"). */
export const NATIONAL = { participants: 100_000, placements: 20_000 } as const;

/** Kept as the database's COMMENT (JSON), so it lives and dies with the data it describes. */
export interface SeedMarker {
  readonly scale: 'national';
  /** Null when the data predates the marker. */
  readonly seededAt: string | null;
  /** Migrations present when the data was loaded; later ones were applied on top of seeded rows. */
  readonly migrations: string[];
  /** Fingerprint of each applied migration's compiled file, to notice one edited after it ran here. */
  readonly migrationHashes?: Record<string, string>;
}

export interface DatasetInfo {
  readonly database: string;
  /** True when this run loaded the data (fresh, emptied or rebuilt database); `seedReason` says why. */
  readonly seededThisRun: boolean;
  readonly seedReason?: string;
  readonly seededAt: string | null;
  readonly migrations: string[];
  /** Migrations applied after the data was seeded (applied to the seeded rows, not reseeded). */
  readonly migrationsSinceSeed: string[];
  readonly counts: Record<string, number>;
}

type Log = (message: string) => void;

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The benchmark drops and rebuilds its database: make sure that is never the development or a test database. */
export function assertBenchDatabase(url: string): void {
  const name = databaseName(url);
  if (!/_bench$/.test(name) || name === 'praksisbro' || name.startsWith('praksisbro_test')) {
    throw new Error(`Refusing to use database "${name}" for benchmarks: its name must end in _bench`);
  }
}

/** Runs a compiled script (dist/scripts/*.js) with the bench environment; output is passed through with a prefix. */
function runScript(script: string, args: string[], env: NodeJS.ProcessEnv, log: Log, quiet?: RegExp): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output = (output + text).slice(-50_000);
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() && !quiet?.test(line)) log(`  ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => {
      if (pending.trim()) log(`  ${pending}`);
      resolve({ code: code ?? 1, output });
    });
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function databaseExists(url: string): Promise<boolean> {
  return withClient(maintenanceUrl(url), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)])).rowCount === 1);
}

export async function dropDatabase(url: string, log: Log): Promise<void> {
  assertBenchDatabase(url);
  const name = databaseName(url);
  await withClient(maintenanceUrl(url), (c) => c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`));
  log(`dropped database ${name}`);
}

async function tableExists(c: pg.Client, table: string): Promise<boolean> {
  return (await c.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`public.${table}`])).rows[0]!.ok;
}

async function readMarker(c: pg.Client): Promise<SeedMarker | null> {
  const { rows } = await c.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
  );
  try {
    const parsed = JSON.parse(rows[0]?.comment ?? 'null') as SeedMarker | null;
    return parsed && parsed.scale === 'national' ? parsed : null;
  } catch {
    return null;
  }
}

async function appliedMigrations(c: pg.Client): Promise<string[]> {
  if (!(await tableExists(c, 'migrations'))) return [];
  return (await c.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((r) => r.name);
}

/** Why the database cannot be used as it is (and must be rebuilt), or undefined when it holds the national set or nothing. */
async function inspect(url: string): Promise<{ empty: boolean; problem?: string }> {
  return withClient(url, async (c) => {
    if (!(await tableExists(c, 'organisations'))) return { empty: true };
    const present = (await c.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM organisations) AS present')).rows[0]!.present;
    if (!present) return { empty: true };
    const { rows } = await c.query<{ participants: string; placements: string }>(
      'SELECT (SELECT count(*) FROM participants) AS participants, (SELECT count(*) FROM placements) AS placements',
    );
    const participants = Number(rows[0]!.participants);
    const placements = Number(rows[0]!.placements);
    if (participants !== NATIONAL.participants || placements !== NATIONAL.placements) {
      return { empty: false, problem: `it holds ${participants} participants / ${placements} placements, not the national data set` };
    }
    return { empty: false };
  });
}

async function migrate(env: NodeJS.ProcessEnv, log: Log): Promise<{ ok: boolean; output: string }> {
  const { code, output } = await runScript('dist/scripts/migrate.js', ['--create-database'], env, log);
  return { ok: code === 0, output };
}

/**
 * Fingerprints of the compiled migrations (dist/libs/schema/src/migrations/<timestamp>-<Name>.js), keyed by the
 * migration name TypeORM records (<Name><timestamp>). TypeORM never re-runs an applied migration, so one edited
 * after it ran here would leave this database on a schema no fresh database has: the bench rebuilds instead.
 */
function migrationFingerprints(): Record<string, string> {
  const dir = 'dist/libs/schema/src/migrations';
  const result: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    const m = /^(\d+)-(.+)\.js$/.exec(file);
    if (m) result[`${m[2]}${m[1]}`] = createHash('sha256').update(readFileSync(`${dir}/${file}`)).digest('hex').slice(0, 16);
  }
  return result;
}

async function writeMarker(url: string, marker: SeedMarker): Promise<void> {
  await withClient(url, async (c) => {
    const literal = JSON.stringify(marker).replace(/'/g, "''");
    await c.query(`COMMENT ON DATABASE "${databaseName(url).replace(/"/g, '""')}" IS '${literal}'`);
  });
}

/** Applied migrations whose compiled file changed (or disappeared) since they ran on this database. */
async function changedMigrations(url: string): Promise<string[]> {
  return withClient(url, async (c) => {
    const marker = await readMarker(c);
    if (!marker?.migrationHashes) return [];
    const current = migrationFingerprints();
    return (await appliedMigrations(c)).filter((name) => marker.migrationHashes![name] !== undefined && marker.migrationHashes![name] !== current[name]);
  });
}

/**
 * Makes the dedicated benchmark database ready: created if missing, migrated every time, and seeded with the
 * national data set when empty. Dropped and rebuilt when a migration fails on the seeded rows (the data no longer
 * fits the schema), when an already applied migration was edited since, or when the database holds anything but
 * the national set. `rebuild` forces a fresh one. Finally makes sure the search index covers every row.
 */
export async function prepareDatabase(url: string, env: NodeJS.ProcessEnv, options: { rebuild: boolean; log: Log }): Promise<DatasetInfo> {
  const { log } = options;
  assertBenchDatabase(url);
  let rebuildReason: string | undefined;
  const rebuild = async (reason: string) => {
    rebuildReason = reason;
    log(`${reason}: dropping and rebuilding the benchmark database`);
    await dropDatabase(url, log);
  };
  const migrateOrFail = async () => {
    const migrated = await migrate(env, log);
    if (!migrated.ok) throw new Error(`migrations failed:\n${migrated.output}`);
  };

  if (await databaseExists(url)) {
    if (options.rebuild) await rebuild('rebuild requested (--rebuild)');
    else {
      const changed = await changedMigrations(url);
      if (changed.length) await rebuild(`migration(s) ${changed.join(', ')} changed since they were applied`);
    }
  }

  const migrated = await migrate(env, log);
  if (!migrated.ok) {
    // Only a migration that PostgreSQL rejected says the seeded rows no longer fit; a script that cannot even start
    // (build broken, server down) must not cost the data set.
    if (rebuildReason || !/QueryFailedError/.test(migrated.output)) throw new Error(`migrations failed:\n${migrated.output}`);
    await rebuild('a migration failed on the seeded data');
    await migrateOrFail();
  }

  let state = await inspect(url);
  if (state.problem) {
    await rebuild(`the database was not usable (${state.problem})`);
    await migrateOrFail();
    state = await inspect(url);
  }

  let marker = await withClient(url, readMarker);
  if (state.empty) {
    rebuildReason ??= 'the database was empty';
    log('seeding the national data set (100,000 participants, 20,000 placements; about a minute)');
    const seeded = await runScript('dist/scripts/seed.js', ['--scale', 'national', '--if-empty'], env, log);
    if (seeded.code !== 0) throw new Error(`seeding failed:\n${seeded.output}`);
    if (/already present/.test(seeded.output)) throw new Error('seed.js found data in a database the benchmark had just found empty');
    const check = await inspect(url);
    if (check.empty || check.problem) throw new Error(`after seeding, ${check.problem ?? 'the database is still empty'}`);
    marker = { scale: 'national', seededAt: new Date().toISOString(), migrations: await withClient(url, appliedMigrations) };
    // Fresh planner statistics so the first measured queries do not run on guesses.
    await withClient(url, (c) => c.query('ANALYZE'));
  }
  const applied = await withClient(url, appliedMigrations);
  const fingerprints = migrationFingerprints();
  marker = {
    scale: 'national',
    seededAt: marker?.seededAt ?? null,
    migrations: marker?.migrations ?? applied,
    migrationHashes: Object.fromEntries(applied.filter((m) => fingerprints[m]).map((m) => [m, fingerprints[m]!])),
  };
  await writeMarker(url, marker);

  await ensureSearchIndex(url, env, log);

  return withClient(url, async (c) => {
    const counts: Record<string, number> = {};
    for (const [key, sql] of Object.entries(COUNT_QUERIES)) counts[key] = Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
    return {
      database: databaseName(url),
      seededThisRun: state.empty,
      seedReason: state.empty ? rebuildReason : undefined,
      seededAt: marker.seededAt,
      migrations: applied,
      migrationsSinceSeed: applied.filter((m) => !marker.migrations.includes(m)),
      counts,
    };
  });
}

/**
 * The PostgreSQL search adapter keeps its own index tables, filled from domain events; seeded rows come with no
 * events, so a freshly seeded (or newly migrated) database needs one full reindex before search can be measured.
 */
async function ensureSearchIndex(url: string, env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  const gaps = async () =>
    withClient(url, async (c) => {
      if (!(await tableExists(c, 'search_placements'))) return null; // no search index in this schema (yet)
      const { rows } = await c.query<{ placements: string; indexed_placements: string; participants: string; indexed_participants: string }>(
        `SELECT (SELECT count(*) FROM placements) AS placements, (SELECT count(*) FROM search_placements) AS indexed_placements,
                (SELECT count(*) FROM participants) AS participants, (SELECT count(*) FROM search_participants) AS indexed_participants`,
      );
      const r = rows[0]!;
      return r.placements === r.indexed_placements && r.participants === r.indexed_participants
        ? undefined
        : `${r.indexed_placements}/${r.placements} placements and ${r.indexed_participants}/${r.participants} participants indexed`;
    });
  const before = await gaps();
  if (!before) return;
  if (!existsSync('dist/scripts/reindex.js')) throw new Error(`the search index is incomplete (${before}) and there is no dist/scripts/reindex.js to rebuild it`);
  log(`search index incomplete (${before}): rebuilding it with dist/scripts/reindex.js`);
  const { code, output } = await runScript('dist/scripts/reindex.js', [], env, log, /^\s*\w+: \d+ indexed$/);
  if (code !== 0) throw new Error(`reindex failed:\n${output}`);
  const after = await gaps();
  if (after) throw new Error(`the search index is still incomplete after reindexing: ${after}`);
  await withClient(url, (c) => c.query('ANALYZE search_placements, search_participants'));
}

const COUNT_QUERIES: Record<string, string> = {
  participants: 'SELECT count(*) AS n FROM participants',
  activeParticipants: `SELECT count(*) AS n FROM participants WHERE status = 'ACTIVE'`,
  placements: 'SELECT count(*) AS n FROM placements',
  openPlacements: `SELECT count(*) AS n FROM placements WHERE status = 'OPEN'`,
  employers: 'SELECT count(*) AS n FROM employers',
  organisations: 'SELECT count(*) AS n FROM organisations',
  users: 'SELECT count(*) AS n FROM users',
  consents: 'SELECT count(*) AS n FROM consents',
  languageAssessments: 'SELECT count(*) AS n FROM language_assessments',
};
