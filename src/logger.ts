import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

const CENSOR = '[redacted]';

/**
 * Keys whose values must never reach a log line, at the top level or one object down
 * (e.g. `{ config }`, `{ headers }`). pino's redaction matches paths, not key names anywhere,
 * so each key is listed at both depths; deeper secrets must not be logged in the first place.
 */
const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  '"set-cookie"',
  'MONGODB_URI',
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'MICROSOFT_APP_PASSWORD',
  'BBB_SECRET',
];

export const REDACT_PATHS = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export interface LoggerSettings {
  LOG_LEVEL: string;
}

/**
 * JSON logger for the whole process: one line per event, level as a label, ISO time.
 * `destination` lets tests capture the output.
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.LOG_LEVEL,
    base: { service: 'mentorbot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A MongoDB connection string fit for logs: credentials removed and secret-looking query
 * options masked. Everything up to the last `@` is treated as credentials, so a malformed
 * URI (an unescaped `@` or `?` in a password) hides too much rather than leaking.
 */
export function redactUri(uri: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(uri)?.[0] ?? '';
  let rest = uri.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at !== -1) rest = `***@${rest.slice(at + 1)}`;

  const q = rest.indexOf('?');
  if (q === -1) return scheme + rest;
  const query = rest
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return /pass|secret|token|key|authMechanismProperties/i.test(name) ? `${name}=***` : pair;
    })
    .join('&');
  return `${scheme + rest.slice(0, q)}?${query}`;
}
