import { type AppConfig, loadConfig } from '#lib/config';

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...process.env, NODE_ENV: 'test', PORT: '0', ...overrides });
}
