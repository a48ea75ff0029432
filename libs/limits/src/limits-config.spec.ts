import { ConfigError, loadConfig } from '#lib/config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  JWT_SECRET: 'x'.repeat(32),
};

describe('abuse-resistance configuration', () => {
  it('has sane defaults; introspection and suggestions are off in production only', () => {
    const prod = loadConfig({ ...valid, NODE_ENV: 'production' }).limits;
    expect(prod).toEqual({
      graphql: { maxDepth: 15, maxCost: 50_000, maxAliases: 30, maxTokens: 5_000, introspection: false, suggestions: false },
      bodyLimitBytes: 256 * 1024,
      rateLimit: { perIpPerMinute: 3_000, perUserPerMinute: 600 },
      trustProxy: false,
    });
    const dev = loadConfig({ ...valid, NODE_ENV: 'development' }).limits;
    expect(dev.graphql).toMatchObject({ introspection: true, suggestions: true });
    expect(dev.rateLimit).toEqual({ perIpPerMinute: 3_000, perUserPerMinute: 600 });
    expect(dev.graphql.maxCost).toBe(50_000);
  });

  it('is generous with rate limits and cost under NODE_ENV=test unless told otherwise', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'test' }).limits.graphql.maxCost).toBe(1_000_000);
    expect(loadConfig({ ...valid, NODE_ENV: 'test' }).limits.rateLimit).toEqual({ perIpPerMinute: 100_000, perUserPerMinute: 100_000 });
    expect(loadConfig({ ...valid, NODE_ENV: 'test', RATE_LIMIT_PER_USER_PER_MINUTE: '5', RATE_LIMIT_PER_IP_PER_MINUTE: '0' }).limits.rateLimit).toEqual({ perIpPerMinute: 0, perUserPerMinute: 5 });
  });

  it('reads every variable', () => {
    const l = loadConfig({
      ...valid,
      GRAPHQL_MAX_DEPTH: '5',
      GRAPHQL_MAX_COST: '100',
      GRAPHQL_MAX_ALIASES: '0',
      GRAPHQL_MAX_TOKENS: '300',
      GRAPHQL_INTROSPECTION: 'false',
      GRAPHQL_FIELD_SUGGESTIONS: 'false',
      HTTP_BODY_LIMIT_BYTES: '4096',
      TRUST_PROXY: '10.0.0.0/8, 127.0.0.1',
    }).limits;
    expect(l.graphql).toEqual({ maxDepth: 5, maxCost: 100, maxAliases: 0, maxTokens: 300, introspection: false, suggestions: false });
    expect(l.bodyLimitBytes).toBe(4096);
    expect(l.trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadConfig({ ...valid, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).limits.graphql.introspection).toBe(true);
    expect(loadConfig({ ...valid, TRUST_PROXY: '1' }).limits.trustProxy).toBe(1);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'true' }).limits.trustProxy).toBe(true);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['GRAPHQL_MAX_COST', 'lots'],
    ['GRAPHQL_INTROSPECTION', 'yes'],
    ['HTTP_BODY_LIMIT_BYTES', '10'],
    ['RATE_LIMIT_PER_USER_PER_MINUTE', '-1'],
    ['TRUST_PROXY', 'everyone; drop table'],
  ])('rejects a bad %s with one line naming it', (name, value) => {
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...valid, [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name}`));
  });
});
