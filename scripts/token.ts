import { parseArgs } from 'node:util';
import pg from 'pg';
import { Role } from '#lib/access';
import { signHs256Token } from '#lib/auth';
import { JWT_DEFAULTS } from '#lib/config';

/**
 * `npm run token -- --role ADVISOR` or `--email advisor@demo.praksisbro.no`: prints a bearer token
 * for a demo user, signed with the local HS256 secret (the same defaults `npm start` uses).
 */
const { values } = parseArgs({ options: { role: { type: 'string' }, email: { type: 'string' }, ttl: { type: 'string', default: '28800' } } });
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/praksisbro';
const secret = process.env.JWT_SECRET ?? 'local-development-secret-change-me-0123456789';
const roles: string[] = Object.values(Role);

if (!values.role && !values.email) fail(`Usage: npm run token -- --role <${roles.join('|')}> | --email <email>`);
if (values.role && !roles.includes(values.role.toUpperCase())) fail(`--role must be one of ${roles.join(', ')}`);

const client = new pg.Client({ connectionString: databaseUrl });
await client.connect().catch((e: Error) => fail(`Cannot reach the database at ${databaseUrl}: ${e.message}`));
const { rows } = values.email
  ? await client.query(`SELECT id, email, role FROM users WHERE lower(email) = lower($1) AND active`, [values.email])
  : await client.query(
      // Prefer the fixed demo users named in the README.
      `SELECT id, email, role FROM users WHERE role = $1 AND active ORDER BY (email LIKE '%@demo.praksisbro.no') DESC, email LIMIT 1`,
      [values.role!.toUpperCase()],
    );
await client.end();
const user = rows[0] as { id: string; email: string; role: string } | undefined;
if (!user) fail(values.email ? `No active user with email ${values.email}` : `No active user with role ${values.role}; load the demo data first (npm start)`);

const token = await signHs256Token(secret, user!.id, Number(values.ttl), {
  issuer: process.env.JWT_ISSUER ?? JWT_DEFAULTS.issuer,
  audience: process.env.JWT_AUDIENCE ?? JWT_DEFAULTS.audience,
});
process.stderr.write(`# ${user!.role} ${user!.email}\n`);
process.stdout.write(`${token}\n`);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
