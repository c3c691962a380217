import { z } from 'zod';
import { redactUri } from './logger.js';

/**
 * The whole environment, parsed once at boot. Nothing else in `src/` reads `process.env`:
 * every setting reaches its user through the frozen object returned by `loadConfig`.
 */

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** An environment string holding a whole number in [min, max]; the output is a number. */
function integer(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: `must be an integer between ${min} and ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `must be an integer between ${min} and ${max}` });
}

function httpUrl() {
  return z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });
}

/**
 * Optional credentials and ids whose format only their issuer (Slack, Microsoft) knows: a
 * wrong one is refused by that platform. Which of them must come together is checked below
 * and where each adapter starts.
 */
const text = () => z.string().optional();

// Mongo forbids these characters in database names and caps their length at 63 bytes.
const MONGO_DB_NAME = /^[^/\\. "$*<>:|?]{1,63}$/;
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const AAD_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A comma-separated list of ids, each matching `pattern`. */
const idList = (pattern: RegExp, error: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== ''),
    )
    .refine((ids) => ids.every((id) => pattern.test(id)), { error })
    .default([]);

export const configSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'test', 'production'], {
        error: 'must be one of development, test, production',
      })
      .default('development'),
    PORT: integer(1, 65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info'),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/\S+$/, {
        error: 'must start with mongodb:// or mongodb+srv://',
      })
      .optional(),
    MONGODB_DB: z
      .string()
      .regex(MONGO_DB_NAME, {
        error: 'must be a MongoDB database name (1-63 characters, none of /\\. "$*<>:|?)',
      })
      .default('mentorbot'),
    // 0 lets the OS pick a free port, which is what tests want.
    EMBEDDED_MONGO_PORT: integer(0, 65535).optional(),
    // At least 1 s because the last second is kept for closing the database.
    SHUTDOWN_TIMEOUT_MS: integer(1000, 600_000).default(10_000),

    SLACK_SIGNING_SECRET: text(),
    SLACK_BOT_TOKEN: text(),
    SLACK_CLIENT_ID: text(),
    SLACK_CLIENT_SECRET: text(),
    SLACK_STATE_SECRET: text(),
    SLACK_API_URL: httpUrl().optional(),
    SLACK_ADMIN_USER_IDS: idList(
      SLACK_USER_ID,
      'must be a comma-separated list of Slack user IDs such as U012ABCDEF',
    ),
    // The Teams admins, by Azure AD object id. Set: they are the admins, whoever installs the
    // app first (a tenant-wide install reaches everyone at once). Unset: the first installer.
    TEAMS_ADMIN_AAD_IDS: idList(
      AAD_OBJECT_ID,
      'must be a comma-separated list of Azure AD object IDs such as 8f1c7c6e-2a3b-4c5d-9e8f-0a1b2c3d4e5f',
    ),
    MICROSOFT_APP_ID: text(),
    MICROSOFT_APP_PASSWORD: text(),
    MICROSOFT_APP_TENANT_ID: text(),
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
        error: 'must be one of MultiTenant, SingleTenant, UserAssignedMSI',
      })
      .optional(),
    PUBLIC_BASE_URL: httpUrl().optional(),
    // Pace of messages (DMs, reminders) per Slack workspace; Slack's chat.postMessage allows
    // roughly one per second per conversation and bursts beyond that workspace-wide.
    SLACK_MESSAGES_PER_SECOND: integer(1, 100).default(10),
    // Signs short-lived download links (mentee list CSV) and the links of session images the
    // service keeps. Unset: a random secret per process, so links die on restart and do not
    // work across instances.
    LINK_SIGNING_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
    // Slack Socket Mode (an app-level token, xapp-...): Slack connects out over a WebSocket,
    // so no public URL is needed. Then the signing secret is not needed.
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-\S+$/, { error: 'must be an app-level token starting with xapp-' })
      .optional(),
    // GET /metrics requires `Authorization: Bearer <token>` when set.
    METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
    // Basic auth for the jobs dashboard at /admin/jobs; it is not mounted unless both are set.
    ADMIN_USERNAME: z.string().max(128, { error: 'must be at most 128 characters' }).optional(),
    ADMIN_PASSWORD: z.string().max(256, { error: 'must be at most 256 characters' }).optional(),
    // The demo workspace (src/demo): seeded into the embedded database at start. Unset: on in
    // development, off otherwise.
    DEMO: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
    // BigBlueButton, the default meeting platform: its URL (as `bbb-conf --secret` prints it)
    // and shared secret. Without them BigBlueButton is not offered.
    BBB_URL: httpUrl().optional(),
    BBB_SECRET: z.string().min(1, { error: 'must not be empty' }).optional(),
  })
  .superRefine(
    (config, ctx) => {
      // The embedded server keeps data in memory only, so production must name a real one.
      if (config.NODE_ENV === 'production' && config.MONGODB_URI === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['MONGODB_URI'],
          message: 'is required when NODE_ENV=production',
        });
      }
      if (
        config.NODE_ENV === 'production' &&
        config.ADMIN_PASSWORD !== undefined &&
        config.ADMIN_PASSWORD.length < 16
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['ADMIN_PASSWORD'],
          message: 'must be at least 16 characters in production',
        });
      }
      // Demo people and sessions belong in a throwaway database only.
      if (config.DEMO === 'on' && config.NODE_ENV === 'production') {
        ctx.addIssue({ code: 'custom', path: ['DEMO'], message: 'cannot be on in production' });
      } else if (config.DEMO === 'on' && config.MONGODB_URI !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['DEMO'],
          message: 'cannot be on with MONGODB_URI: the demo goes into the embedded database only',
        });
      }
      // Teams: an app id turns on Bot Framework JWT verification, and the credentials let the
      // bot answer. Production with Teams half-configured would either accept unverified
      // activities or fail every reply, so it refuses to start. (Production with no
      // MICROSOFT_APP_* at all runs without Teams: /api/messages is not mounted.)
      const teamsConfigured = [
        config.MICROSOFT_APP_ID,
        config.MICROSOFT_APP_PASSWORD,
        config.MICROSOFT_APP_TENANT_ID,
        config.MICROSOFT_APP_TYPE,
      ].some((value) => value !== undefined);
      if (config.NODE_ENV === 'production' && teamsConfigured) {
        if (config.MICROSOFT_APP_ID === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['MICROSOFT_APP_ID'],
            message: 'is required in production when any MICROSOFT_APP_* variable is set',
          });
        }
        if (
          config.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' &&
          config.MICROSOFT_APP_PASSWORD === undefined
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['MICROSOFT_APP_PASSWORD'],
            message:
              'is required in production for the Teams bot (unless MICROSOFT_APP_TYPE=UserAssignedMSI)',
          });
        }
      }
      // Slack: a signing secret verifies requests, but answering needs a token: one
      // workspace's bot token, or the OAuth settings that install many workspaces.
      const slackOAuth = [
        config.SLACK_CLIENT_ID,
        config.SLACK_CLIENT_SECRET,
        config.SLACK_STATE_SECRET,
      ].every((value) => value !== undefined);
      if (config.SLACK_SIGNING_SECRET !== undefined && !config.SLACK_BOT_TOKEN && !slackOAuth) {
        ctx.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message:
            'is required when SLACK_SIGNING_SECRET is set (one workspace), unless SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are all set (many workspaces)',
        });
      }
      if ((config.BBB_URL === undefined) !== (config.BBB_SECRET === undefined)) {
        const missing = config.BBB_URL === undefined ? 'BBB_URL' : 'BBB_SECRET';
        ctx.addIssue({
          code: 'custom',
          path: [missing],
          message: 'is required when the other BigBlueButton variable is set',
        });
      }
      if (
        config.MICROSOFT_APP_TYPE === 'SingleTenant' &&
        config.MICROSOFT_APP_TENANT_ID === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['MICROSOFT_APP_TENANT_ID'],
          message: 'is required when MICROSOFT_APP_TYPE=SingleTenant',
        });
      }
    },
    // Run even when other variables failed, so that every problem is listed at once. Only
    // NODE_ENV, MONGODB_URI, DEMO, ADMIN_PASSWORD, MICROSOFT_APP_*, BBB_* and SLACK_* secrets
    // are read; an invalid
    // value skips a rule.
    { when: () => true },
  );

export type Config = z.output<typeof configSchema>;

/** Whether to seed the demo workspace: only ever into the embedded database, never in production. */
export function demoWanted(config: Pick<Config, 'DEMO' | 'NODE_ENV' | 'MONGODB_URI'>): boolean {
  if (config.NODE_ENV === 'production' || config.MONGODB_URI !== undefined) return false;
  return config.DEMO === 'on' || (config.DEMO === undefined && config.NODE_ENV === 'development');
}

export type ConfigResult =
  | { ok: true; config: Readonly<Config> }
  | { ok: false; problems: string[] };

type ConfigKey = keyof Config;
const KEYS = Object.keys(configSchema.shape) as ConfigKey[];

// Values of these are never repeated in a problem message: it goes to stderr and logs.
const SECRET_KEYS = new Set<string>([
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'MICROSOFT_APP_PASSWORD',
  'LINK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'METRICS_TOKEN',
  'ADMIN_PASSWORD',
  'BBB_SECRET',
]);

/**
 * Parses the environment. Empty (or blank) variables count as unset, because `.env` files
 * and compose files routinely carry `NAME=` lines for things not configured yet.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const input: Record<string, string> = {};
  for (const key of KEYS) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }

  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => describe(issue, input)) };
  }
  const config = parsed.data;
  Object.freeze(config.SLACK_ADMIN_USER_IDS);
  Object.freeze(config.TEAMS_ADMIN_AAD_IDS);
  return { ok: true, config: Object.freeze(config) };
}

function describe(issue: z.core.$ZodIssue, input: Record<string, string>): string {
  const key = String(issue.path[0] ?? '(environment)');
  const raw = input[key];
  if (raw === undefined || SECRET_KEYS.has(key)) return `${key} ${issue.message}`;
  const shown = key === 'MONGODB_URI' ? redactUri(raw) : raw;
  return `${key} ${issue.message} (got ${JSON.stringify(shown)})`;
}
