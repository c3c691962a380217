import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, demoWanted, loadConfig } from '../../src/config.js';

function problemsFor(env: Record<string, string>): string[] {
  const result = loadConfig(env);
  if (result.ok) throw new Error(`expected problems for ${JSON.stringify(env)}`);
  return result.problems;
}

function configFor(env: Record<string, string>) {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(`unexpected problems: ${result.problems.join('; ')}`);
  return result.config;
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    expect(configFor({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '0.0.0.0',
      LOG_LEVEL: 'info',
      MONGODB_DB: 'mentorbot',
      SHUTDOWN_TIMEOUT_MS: 10_000,
      SLACK_ADMIN_USER_IDS: [],
      TEAMS_ADMIN_AAD_IDS: [],
      SLACK_MESSAGES_PER_SECOND: 10,
    });
  });

  it('parses every variable into its typed value', () => {
    const config = configFor({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'debug',
      MONGODB_URI: 'mongodb+srv://user:pw@cluster0.example.net/app',
      MONGODB_DB: 'mentorbot_prod',
      EMBEDDED_MONGO_PORT: '0',
      SHUTDOWN_TIMEOUT_MS: '5000',
      SLACK_SIGNING_SECRET: 'sign',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      SLACK_ADMIN_USER_IDS: ' U012ABCDEF, W0987ZYX ,',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'app-secret',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      MICROSOFT_APP_TENANT_ID: 'tenant',
      PUBLIC_BASE_URL: 'https://mentorbot.example.com',
    });
    expect(config).toMatchObject({
      NODE_ENV: 'production',
      PORT: 8080,
      LOG_LEVEL: 'debug',
      EMBEDDED_MONGO_PORT: 0,
      SHUTDOWN_TIMEOUT_MS: 5000,
      SLACK_ADMIN_USER_IDS: ['U012ABCDEF', 'W0987ZYX'],
      MICROSOFT_APP_TYPE: 'SingleTenant',
    });
  });

  it('treats empty and blank variables as unset', () => {
    const config = configFor({ PORT: '', LOG_LEVEL: '  ', MONGODB_URI: '', SLACK_API_URL: '' });
    expect(config.PORT).toBe(3000);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.MONGODB_URI).toBeUndefined();
    expect(config.SLACK_API_URL).toBeUndefined();
  });

  it('ignores variables it does not own', () => {
    expect(configFor({ PATH: '/usr/bin', HOME: '/root' })).not.toHaveProperty('PATH');
  });

  it('returns a frozen object, including its lists', () => {
    expect(
      configFor({ TEAMS_ADMIN_AAD_IDS: ' 8F1C7C6E-2A3B-4C5D-9E8F-0A1B2C3D4E5F ,' })
        .TEAMS_ADMIN_AAD_IDS,
    ).toEqual(['8F1C7C6E-2A3B-4C5D-9E8F-0A1B2C3D4E5F']);
    const config = configFor({ SLACK_ADMIN_USER_IDS: 'U012ABCDEF' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.SLACK_ADMIN_USER_IDS)).toBe(true);
    expect(() => {
      (config as { PORT: number }).PORT = 1;
    }).toThrow(TypeError);
  });

  it.each([
    [
      'NODE_ENV',
      'staging',
      'NODE_ENV must be one of development, test, production (got "staging")',
    ],
    ['PORT', 'abc', 'PORT must be an integer between 1 and 65535 (got "abc")'],
    ['PORT', '0', 'PORT must be an integer between 1 and 65535 (got "0")'],
    ['PORT', '65536', 'PORT must be an integer between 1 and 65535 (got "65536")'],
    ['PORT', '30.5', 'PORT must be an integer between 1 and 65535 (got "30.5")'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of'],
    ['MONGODB_URI', 'postgres://db/x', 'MONGODB_URI must start with mongodb:// or mongodb+srv://'],
    ['MONGODB_DB', 'my.db', 'MONGODB_DB must be a MongoDB database name'],
    ['EMBEDDED_MONGO_PORT', '-1', 'EMBEDDED_MONGO_PORT must be an integer between 0 and 65535'],
    ['SHUTDOWN_TIMEOUT_MS', '500', 'SHUTDOWN_TIMEOUT_MS must be an integer between 1000'],
    ['SLACK_API_URL', 'slack.com/api', 'SLACK_API_URL must be an http:// or https:// URL'],
    ['SLACK_ADMIN_USER_IDS', 'U012ABCDEF,alice', 'SLACK_ADMIN_USER_IDS must be a comma-separated'],
    ['MICROSOFT_APP_TYPE', 'Tenant', 'MICROSOFT_APP_TYPE must be one of MultiTenant'],
    ['TEAMS_ADMIN_AAD_IDS', 'alice@contoso.com', 'TEAMS_ADMIN_AAD_IDS must be a comma-separated'],
    [
      'PUBLIC_BASE_URL',
      'ftp://files.example.com',
      'PUBLIC_BASE_URL must be an http:// or https://',
    ],
  ])('reports a bad %s (%j) by name', (name, value, expected) => {
    const problems = problemsFor({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
    expect(problems[0]?.startsWith(`${name} `)).toBe(true);
  });

  it('requires MONGODB_URI in production', () => {
    expect(problemsFor({ NODE_ENV: 'production' })).toEqual([
      'MONGODB_URI is required when NODE_ENV=production',
    ]);
    expect(configFor({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017' }).NODE_ENV).toBe(
      'production',
    );
  });

  it('refuses production with a half-configured Teams app, and accepts it complete or absent', () => {
    const production = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db:27017' };
    expect(problemsFor({ ...production, MICROSOFT_APP_PASSWORD: 'pw' })).toEqual([
      'MICROSOFT_APP_ID is required in production when any MICROSOFT_APP_* variable is set',
    ]);
    expect(problemsFor({ ...production, MICROSOFT_APP_ID: 'app' })).toEqual([
      'MICROSOFT_APP_PASSWORD is required in production for the Teams bot (unless MICROSOFT_APP_TYPE=UserAssignedMSI)',
    ]);
    expect(
      problemsFor({
        ...production,
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_PASSWORD: 'pw',
      }),
    ).toEqual(['MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=SingleTenant']);
    expect(
      configFor({ ...production, MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' })
        .MICROSOFT_APP_ID,
    ).toBe('app');
    expect(
      configFor({ ...production, MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TYPE: 'UserAssignedMSI' })
        .MICROSOFT_APP_ID,
    ).toBe('app');
    // Outside production an app id alone is fine (and no app id at all: the Emulator).
    expect(configFor({ MICROSOFT_APP_ID: 'app' }).MICROSOFT_APP_ID).toBe('app');
  });

  it('seeds the demo only into the embedded database, never in production', () => {
    expect(demoWanted(configFor({}))).toBe(true);
    expect(demoWanted(configFor({ DEMO: 'off' }))).toBe(false);
    expect(demoWanted(configFor({ NODE_ENV: 'test' }))).toBe(false);
    expect(demoWanted(configFor({ NODE_ENV: 'test', DEMO: 'on' }))).toBe(true);
    expect(demoWanted(configFor({ MONGODB_URI: 'mongodb://db/' }))).toBe(false);
    expect(problemsFor({ DEMO: 'on', MONGODB_URI: 'mongodb://db/' })).toEqual([
      'DEMO cannot be on with MONGODB_URI: the demo goes into the embedded database only (got "on")',
    ]);
    expect(
      problemsFor({ NODE_ENV: 'production', MONGODB_URI: 'mongodb://db/', DEMO: 'on' }),
    ).toEqual(['DEMO cannot be on in production (got "on")']);
    expect(problemsFor({ DEMO: 'yes' })).toEqual(['DEMO must be on or off (got "yes")']);
  });

  it('refuses a Slack signing secret without a bot token or the three OAuth settings', () => {
    const problem =
      'SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set (one workspace), unless SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are all set (many workspaces)';
    expect(problemsFor({ SLACK_SIGNING_SECRET: 'sign' })).toEqual([problem]);
    expect(
      problemsFor({
        SLACK_SIGNING_SECRET: 'sign',
        SLACK_CLIENT_ID: 'id',
        SLACK_CLIENT_SECRET: 's',
      }),
    ).toEqual([problem]);
    expect(configFor({ SLACK_SIGNING_SECRET: 'sign', SLACK_BOT_TOKEN: 'xoxb-1' })).toBeTruthy();
    const oauth = { SLACK_CLIENT_ID: 'id', SLACK_CLIENT_SECRET: 's', SLACK_STATE_SECRET: 'st' };
    expect(configFor({ SLACK_SIGNING_SECRET: 'sign', ...oauth })).toBeTruthy();
  });

  it('lists every problem at once, including the production rule', () => {
    const problems = problemsFor({ NODE_ENV: 'production', PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['PORT', 'LOG_LEVEL', 'MONGODB_URI']);
  });

  it('never repeats credentials from a bad MONGODB_URI', () => {
    const [problem] = problemsFor({ MONGODB_URI: 'mongo://admin:hunter2@db.example.com/x' });
    expect(problem).toContain('db.example.com');
    expect(problem).not.toContain('hunter2');
    expect(problem).not.toContain('admin');
  });
});

describe('.env.example', () => {
  const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');

  it('documents every variable with a comment line right above it', () => {
    for (const name of Object.keys(configSchema.shape)) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      expect(at, `${name} missing from .env.example`).toBeGreaterThan(0);
      expect(lines[at - 1], `${name} has no comment`).toMatch(/^# \S/);
    }
  });

  it('is a valid configuration as it stands', () => {
    const env = Object.fromEntries(
      lines
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(loadConfig(env).ok).toBe(true);
  });
});

describe('environment boundary', () => {
  it('has no file under src/ other than config.ts reading process.env', () => {
    const root = new URL('../../src/', import.meta.url).pathname;
    const offenders = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && file !== 'config.ts')
      .filter((file) => /process\.env\b/.test(readFileSync(join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
