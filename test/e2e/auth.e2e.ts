import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createWorld, type World } from '../support/world.js';

describe('authentication', () => {
  let api: ApiHarness;
  let world: World;
  beforeAll(async () => {
    api = await ApiHarness.start();
    world = await createWorld(api.dataSource);
  });
  afterAll(() => api.stop());

  it('serves /health without a token and reports PostgreSQL and Redis', async () => {
    const res = await fetch(`${api.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(body.status).toBe('ok');
    expect(body.checks.postgres!.ok).toBe(true);
    expect(body.checks.redis!.ok).toBe(true);
  });

  it('refuses GraphQL (even introspection) without a token', async () => {
    const res = await api.gql(null, '{ __schema { queryType { name } } }');
    expect(res.status).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.data).toBeNull();
  });

  it('refuses a forged, expired or unknown-user token', async () => {
    const forged = (await api.token(world.users.advisorA)).replace(/\.[^.]+$/, '.AAAA');
    expect(errorCode(await api.gql(forged, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    const expired = await api.token(world.users.advisorA, -10);
    expect(errorCode(await api.gql(expired, '{ me { id } }'))).toBe('UNAUTHENTICATED');
    const unknown = await api.token('00000000-0000-4000-8000-000000000000');
    expect(errorCode(await api.gql(unknown, '{ me { id } }'))).toBe('UNAUTHENTICATED');
  });

  it('answers me with the role and organisation read from the database', async () => {
    const data = await api.ok<{ me: { role: string; organisation: { id: string; kind: string } } }>(world.users.marketA, '{ me { role organisation { id kind } } }');
    expect(data.me).toEqual({ role: 'MARKET_CONTACT', organisation: { id: world.navA, kind: 'NAV_OFFICE' } });
  });

  it('returns a request id header and never a stack trace for a bad document', async () => {
    const token = await api.token(world.users.advisorA);
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ query: '{ me { nope } }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    const body = JSON.stringify(await res.json());
    expect(body).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it.each([
    ['a syntax error', JSON.stringify({ query: '{' }), 'GRAPHQL_PARSE_FAILED'],
    ['no query at all', '{}', 'BAD_REQUEST'],
    ['a body that is not JSON', 'not json', 'BAD_REQUEST'],
  ])('answers %s with a typed client error, not an internal one', async (_label, body, code) => {
    const token = await api.token(world.users.advisorA);
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(json.errors[0]!.extensions.code).toBe(code);
  });
});
