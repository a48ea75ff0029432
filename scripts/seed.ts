/**
 * Loads deterministic demo data into a migrated, empty database.
 *   node dist/scripts/seed.js [--scale demo|national] [--seed N] [--today YYYY-MM-DD] [--if-empty]
 * DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/praksisbro. Does not run migrations.
 */
import pg from 'pg';
import { DEFAULT_SEED, DemoDataPresentError, type Scale, seedDemoData } from '#lib/demo-data';

interface Args {
  scale: Scale;
  seed: number;
  today?: string;
  ifEmpty: boolean;
}

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('Usage: node dist/scripts/seed.js [--scale demo|national] [--seed N] [--today YYYY-MM-DD] [--if-empty]');
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { scale: 'demo', seed: DEFAULT_SEED, ifEmpty: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    switch (flag) {
      case '--scale': {
        const scale = value();
        if (scale !== 'demo' && scale !== 'national') usage(`Unknown scale "${scale}"`);
        args.scale = scale;
        break;
      }
      case '--seed': {
        const seed = Number(value());
        if (!Number.isSafeInteger(seed) || seed < 0) usage('--seed must be a non-negative integer');
        args.seed = seed;
        break;
      }
      case '--today': {
        const today = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) usage('--today must be YYYY-MM-DD');
        args.today = today;
        break;
      }
      case '--if-empty':
        args.ifEmpty = true;
        break;
      case '--help':
      case '-h':
        usage();
        break;
      default:
        usage(`Unknown argument "${arg}"`);
    }
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    if (args.ifEmpty) {
      const { rows } = await client.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM organisations) AS present');
      if (rows[0]?.present) {
        console.log('demo data already present');
        return 0;
      }
    }
    console.log(`Seeding demo data at ${args.scale} scale (seed ${args.seed}) into ${new URL(url).pathname.slice(1)} …`);
    const summary = await seedDemoData(client, { scale: args.scale, seed: args.seed, today: args.today, log: (m) => console.log(m) });
    console.log('');
    console.log(`Rows per table (today = ${summary.today}):`);
    const width = Math.max(...Object.keys(summary.counts).map((k) => k.length));
    for (const [table, count] of Object.entries(summary.counts)) console.log(`  ${table.padEnd(width)}  ${count.toLocaleString('en').padStart(9)}`);
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s (generate ${summary.generateMs} ms, insert ${summary.insertMs} ms).`);
    return 0;
  } catch (error) {
    if (error instanceof DemoDataPresentError && args.ifEmpty) {
      console.log('demo data already present');
      return 0;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await client.end();
  }
}

process.exitCode = await main();
