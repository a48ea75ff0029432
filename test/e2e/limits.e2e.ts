import { withCheckDigit } from '#lib/employers';
import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createWorld, type World } from '../support/world.js';

/*
 * Abuse resistance (libs/limits): GraphQL document limits, body size, rate limits in Redis across replicas, error
 * masking. Each api here is its own process with low limits; the other suites run with the generous test defaults.
 */

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions: Record<string, unknown> }> } | undefined;
}

/** POST /graphql with any body, token and (through the trusted proxy) client address. */
async function post(url: string, body: unknown, options: { token?: string; ip?: string } = {}): Promise<Raw> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: Raw['json'];
  try {
    json = JSON.parse(text) as Raw['json'];
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Rows of every table a createEmployer could touch: a rejected document must leave them exactly as they were. */
async function rows(api: ApiHarness): Promise<string> {
  const tables = ['employers', 'employer_sites', 'employer_contacts', 'placements', 'outbox_events'];
  const counts = await Promise.all(tables.map(async (t) => `${t}=${((await api.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`)) as [{ n: number }])[0].n}`));
  return counts.join(',');
}

let orgSeed = 40_000_000 + Math.floor(Math.random() * 9_000_000);
function freshOrgNumber(): string {
  for (;;) {
    const full = withCheckDigit(String(orgSeed++));
    if (full) return full;
  }
}

const employerInput = (name = 'Grenseløs AS') => ({ orgNumber: freshOrgNumber(), name, sector: 'RETAIL' });
const CREATE = (selection: string) => `mutation($i: CreateEmployerInput!) { createEmployer(input: $i) ${selection} }`;

const randomIp = () => `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

describe('abuse resistance: GraphQL limits, body size, masking', () => {
  let api: ApiHarness;
  let world: World;
  let token: string;
  beforeAll(async () => {
    api = await ApiHarness.start({
      GRAPHQL_MAX_DEPTH: '6',
      GRAPHQL_MAX_COST: '500',
      GRAPHQL_MAX_ALIASES: '5',
      GRAPHQL_MAX_TOKENS: '400',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_FIELD_SUGGESTIONS: 'false',
      HTTP_BODY_LIMIT_BYTES: '16384',
    });
    world = await createWorld(api.dataSource);
    token = await api.token(world.users.marketA);
  });
  afterAll(() => api.stop());

  it('runs a mutation within every limit (the control for the rejections below)', async () => {
    const before = await rows(api);
    const res = await api.gql(world.users.marketA, CREATE('{ id name sites { id } }'), { i: employerInput() });
    expect(res.errors).toBeUndefined();
    expect(await rows(api)).not.toBe(before);
  });

  it('rejects a document nested deeper than GRAPHQL_MAX_DEPTH as QUERY_TOO_COMPLEX (DEPTH): the mutation in it does not run', async () => {
    const before = await rows(api);
    // createEmployer 1, placements 2, employer 3, placements 4, employer 5, placements 6, id 7
    const res = await api.gql(world.users.marketA, CREATE('{ id placements { employer { placements { employer { placements { id } } } } } }'), { i: employerInput() });
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([{ message: 'The query is nested too deeply: 7 levels, the maximum is 6', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'DEPTH', maximum: 6, actual: 7 } }]);
    expect(await rows(api)).toBe(before);
    const query = await api.gql(world.users.marketA, '{ employers(first: 1) { nodes { placements { employer { placements { employer { id } } } } } } }');
    expect(query.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'DEPTH', actual: 7 });
  });

  it('rejects a document over GRAPHQL_MAX_COST as QUERY_TOO_COMPLEX (COST), lists counted by their page size: the mutation does not run', async () => {
    const before = await rows(api);
    // createEmployer 1 + id 1 + placements (1 + 20 × (id 1 + employer (1 + sites (1 + 20 × (id 1 + name 1)))))
    const res = await api.gql(world.users.marketA, CREATE('{ id placements { id employer { sites { id name } } } }'), { i: employerInput() });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      { message: 'The query is too costly: an estimated 863 against a maximum of 500', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'COST', maximum: 500, actual: 863 } },
    ]);
    expect(await rows(api)).toBe(before);
  });

  it('counts the page size the variables ask for', async () => {
    const q = 'query($n: Int) { placements(first: $n) { totalCount nodes { id employer { sites { id } } } } }';
    const small = await api.gql(world.users.marketA, q, { n: 2 });
    expect(small.errors).toBeUndefined();
    const large = await api.gql(world.users.marketA, q, { n: 100 });
    // placements 1 + totalCount 1 + nodes (1 + 100 × (id 1 + employer (1 + sites (1 + 20 × 1))))
    expect(large.errors![0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'COST', maximum: 500, actual: 2303 });
  });

  it('rejects more aliases than GRAPHQL_MAX_ALIASES as QUERY_TOO_COMPLEX (ALIASES): none of the aliased mutations runs', async () => {
    const before = await rows(api);
    const calls = Array.from({ length: 6 }, (_, i) => `e${i}: createEmployer(input: { orgNumber: "${freshOrgNumber()}", name: "Alias ${i} AS", sector: RETAIL }) { id }`);
    const res = await api.gql(world.users.marketA, `mutation { ${calls.join(' ')} }`);
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([{ message: 'The query uses too many aliases: 6, the maximum is 5', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'ALIASES', maximum: 5, actual: 6 } }]);
    expect(await rows(api)).toBe(before);
  });

  it('stops parsing a document longer than GRAPHQL_MAX_TOKENS: QUERY_TOO_COMPLEX (TOKENS), nothing runs', async () => {
    const before = await rows(api);
    const res = await api.gql(world.users.marketA, CREATE(`{ ${'id '.repeat(450)}}`), { i: employerInput() });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([{ message: 'The query document is too long: more than 400 tokens', extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'TOKENS', maximum: 400 } }]);
    expect(await rows(api)).toBe(before);
  });

  it('accepts one operation per request: a batch (JSON array) is BAD_REQUEST and nothing in it runs', async () => {
    const before = await rows(api);
    const op = { query: CREATE('{ id }'), variables: { i: employerInput() } };
    const res = await post(api.url, [op, { query: '{ me { id } }' }], { token });
    expect(res.json?.data).toBeNull();
    expect(res.json?.errors?.[0]).toMatchObject({ message: expect.stringMatching(/batched queries .* are not accepted/), extensions: { code: 'BAD_REQUEST' } });
    expect(await rows(api)).toBe(before);
  });

  it('answers a body over HTTP_BODY_LIMIT_BYTES with 413 and a GraphQL-style PAYLOAD_TOO_LARGE; nothing runs', async () => {
    const before = await rows(api);
    const res = await post(api.url, { query: CREATE('{ id }'), variables: { i: { ...employerInput(), description: 'x'.repeat(20_000) } } }, { token });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ data: null, errors: [{ message: 'The request body is larger than the limit of 16384 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE', maximumBytes: 16384 } }] });
    expect(await rows(api)).toBe(before);
    // Just under the limit is fine.
    const fits = await post(api.url, { query: '{ me { id } }', variables: { pad: 'x'.repeat(15_000) } }, { token });
    expect(fits.status).toBe(200);
    expect(fits.json?.errors).toBeUndefined();
  });

  it('turns introspection off with GRAPHQL_INTROSPECTION=false (__typename still answers)', async () => {
    for (const q of ['{ __schema { queryType { name } } }', '{ __type(name: "Employer") { name fields { name } } }']) {
      const res = await api.gql(world.users.admin, q);
      expect(res.data).toBeNull();
      expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0]!.message).toMatch(/introspection has been disabled/);
    }
    expect((await api.ok<{ me: { __typename: string } }>(world.users.admin, '{ me { __typename } }')).me.__typename).toBe('User');
  });

  it('gives no "Did you mean …?" hints with GRAPHQL_FIELD_SUGGESTIONS=false, in validation or variable errors', async () => {
    const field = await api.gql(world.users.marketA, '{ me { nme } }');
    expect(field.errors![0]).toEqual({ message: 'Cannot query field "nme" on type "User".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const arg = await api.gql(world.users.marketA, '{ placements(frist: 2) { totalCount } }');
    expect(arg.errors![0]!.message).toBe('Unknown argument "frist" on field "Query.placements".');
    const value = await api.gql(world.users.marketA, 'query($s: [PlacementStatus!]) { placements(filter: { status: $s }) { totalCount } }', { s: ['OPNE'] });
    expect(errorCode(value)).toBe('BAD_USER_INPUT');
    expect(value.errors![0]!.message).toMatch(/"OPNE" does not exist in "PlacementStatus" enum\.?$/);
    expect(JSON.stringify([field, arg, value])).not.toMatch(/Did you mean/);
  });

  it('masks an unexpected error: INTERNAL_SERVER_ERROR without the SQL, the database message or a stack, and nothing is written', async () => {
    await api.dataSource.query(`CREATE OR REPLACE FUNCTION limits_e2e_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name = 'Boom Limits AS' THEN RAISE EXCEPTION 'limits-e2e secret: relation secret_payroll_table is locked by pid 4242'; END IF;
        RETURN NEW;
      END $$`);
    await api.dataSource.query('CREATE TRIGGER limits_e2e_boom BEFORE INSERT ON employers FOR EACH ROW EXECUTE FUNCTION limits_e2e_boom()');
    try {
      const before = await rows(api);
      const res = await post(api.url, { query: CREATE('{ id name }'), variables: { i: employerInput('Boom Limits AS') } }, { token });
      expect(res.status).toBe(200);
      expect(res.json?.data).toBeNull();
      expect(res.json?.errors).toEqual([{ message: 'Internal server error', path: ['createEmployer'], locations: [expect.any(Object)], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      for (const leak of [/secret/i, /4242/, /INSERT/i, /employers/, /QueryFailedError/, /plpgsql|P0001/, /stack/i, /at .*\.(ts|js):\d+/]) expect(res.text).not.toMatch(leak);
      expect(await rows(api)).toBe(before);
    } finally {
      await api.dataSource.query('DROP TRIGGER IF EXISTS limits_e2e_boom ON employers');
      await api.dataSource.query('DROP FUNCTION IF EXISTS limits_e2e_boom()');
    }
  });
});

describe('abuse resistance: rate limits shared by two api processes through Redis', () => {
  const PER_USER = 5;
  const PER_IP = 12;
  let a: ApiHarness;
  let b: ApiHarness;
  let world: World;
  beforeAll(async () => {
    // The same Redis and QUEUE_PREFIX, like two replicas behind one load balancer (trusted for X-Forwarded-For).
    const env = { RATE_LIMIT_PER_USER_PER_MINUTE: String(PER_USER), RATE_LIMIT_PER_IP_PER_MINUTE: String(PER_IP), TRUST_PROXY: '127.0.0.1' };
    [a, b] = await Promise.all([ApiHarness.start(env), ApiHarness.start(env)]);
    world = await createWorld(a.dataSource);
  }, 60_000);
  afterAll(() => Promise.all([a?.stop(), b?.stop()]));

  const rateLimited = (res: Raw, scope: 'USER' | 'IP', limit: number) => {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.json).toEqual({
      data: null,
      errors: [{ message: expect.stringMatching(/^Too many requests/), extensions: { code: 'RATE_LIMITED', scope, limit, retryAfterSeconds: retryAfter } }],
    });
  };

  it('limits a user across both apis: the sum of their requests counts, not each replica’s share', async () => {
    const ip = randomIp();
    const token = await a.token(world.users.advisorA);
    const served: Record<string, number> = { a: 0, b: 0 };
    for (let i = 0; i < PER_USER; i++) {
      const [name, api] = i % 2 === 0 ? (['a', a] as const) : (['b', b] as const);
      const res = await post(api.url, { query: '{ me { id } }' }, { token, ip });
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(PER_USER - 1 - i);
      served[name]!++;
    }
    // Neither replica alone has seen more than 3 of the 5; the next request on either is the 6th.
    expect(served).toEqual({ a: 3, b: 2 });
    rateLimited(await post(b.url, { query: '{ me { id } }' }, { token, ip }), 'USER', PER_USER);
    rateLimited(await post(a.url, { query: '{ me { id } }' }, { token, ip }), 'USER', PER_USER);
    // The limit is the user's, not the address's: a colleague behind the same address is served.
    const colleague = await post(a.url, { query: '{ me { id } }' }, { token: await a.token(world.users.advisorA2), ip });
    expect(colleague.status).toBe(200);
  });

  it('limits a client address before authentication, so guessing tokens is limited too, across both apis', async () => {
    const ip = randomIp();
    const forged = `${(await a.token(world.users.marketA)).replace(/\.[^.]+$/, '.')}AAAA`;
    for (let i = 0; i < PER_IP; i++) {
      const res = await post(i % 2 === 0 ? a.url : b.url, { query: '{ me { id } }' }, { token: forged, ip });
      expect(res.status).toBe(401);
    }
    rateLimited(await post(a.url, { query: '{ me { id } }' }, { token: forged, ip }), 'IP', PER_IP);
    // Even a valid token from that address now waits: the address is limited before the token is looked at.
    rateLimited(await post(b.url, { query: '{ me { id } }' }, { token: await a.token(world.users.marketA), ip }), 'IP', PER_IP);
    // Another address is not affected.
    expect((await post(b.url, { query: '{ me { id } }' }, { token: await a.token(world.users.marketA), ip: randomIp() })).status).toBe(200);
  });

  it('never limits /health (orchestrators poll it), even for an address over its limit', async () => {
    const ip = randomIp();
    for (let i = 0; i <= PER_IP; i++) await post(a.url, { query: '{ me { id } }' }, { ip });
    expect((await post(a.url, { query: '{ me { id } }' }, { ip })).status).toBe(429);
    for (let i = 0; i < 3 * PER_IP; i++) {
      const res = await fetch(`${i % 2 === 0 ? a.url : b.url}/health`, { headers: { 'x-forwarded-for': ip } });
      expect(res.status).toBe(200);
    }
  });

  it('keeps introspection and suggestions on under the test defaults (the flags above turn them off)', async () => {
    const token = await a.token(world.users.admin);
    const ip = randomIp();
    const schema = await post(a.url, { query: '{ __schema { queryType { name } } }' }, { token, ip });
    expect(schema.json?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const hint = await post(a.url, { query: '{ me { nme } }' }, { token, ip });
    expect(hint.json?.errors?.[0]?.message).toBe('Cannot query field "nme" on type "User". Did you mean "name"?');
  });
});
