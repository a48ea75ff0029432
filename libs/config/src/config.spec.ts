import { loadConfig, ConfigError } from './config.js';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('accepts a complete environment and applies defaults', () => {
    const c = loadConfig(valid);
    expect(c.port).toBe(3000);
    expect(c.meili).toBeUndefined();
    expect(c.jwt.issuer).toBe('praksisbro');
  });

  it.each([
    ['DATABASE_URL', { ...valid, DATABASE_URL: undefined }, /DATABASE_URL is required/],
    ['DATABASE_URL', { ...valid, DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/],
    ['REDIS_URL', { ...valid, REDIS_URL: 'not a url' }, /REDIS_URL must be a redis/],
    ['MEILI_URL', { ...valid, MEILI_URL: 'ftp://x' }, /MEILI_URL must be/],
    ['JWT_SECRET', { ...valid, JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    ['JWT_SECRET', { ...valid, JWT_SECRET: undefined }, /JWT_SECRET is required unless JWT_JWKS_URL/],
    ['PORT', { ...valid, PORT: 'abc' }, /^Invalid configuration: PORT/],
  ])('rejects a bad %s with one line naming it', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts JWKS instead of a shared secret', () => {
    const c = loadConfig({ ...valid, JWT_SECRET: undefined, JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(c.jwt.jwksUrl).toBe('https://idp.example/jwks.json');
  });

  it('takes the queue repair interval from QUEUE_REPAIR_INTERVAL_MS, or from its former name NOTIFY_SWEEP_INTERVAL_MS', () => {
    expect(loadConfig(valid).queueRepairIntervalMs).toBe(60_000);
    expect(loadConfig({ ...valid, NOTIFY_SWEEP_INTERVAL_MS: '2000' }).queueRepairIntervalMs).toBe(2_000);
    expect(loadConfig({ ...valid, NOTIFY_SWEEP_INTERVAL_MS: '2000', QUEUE_REPAIR_INTERVAL_MS: '500' }).queueRepairIntervalMs).toBe(500);
  });
});
