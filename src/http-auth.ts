import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Credentials on operator endpoints (/metrics, /admin/jobs). Both sides are hashed first so
 * the comparison takes the same time whatever the lengths, then compared in constant time.
 */
export function timingSafeEqualText(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Whether the request carries HTTP basic credentials equal to `username` and `password`. */
export function basicAuthOk(req: IncomingMessage, username: string, password: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Both compared every time, so a wrong user name takes as long as a wrong password.
  const userOk = timingSafeEqualText(decoded.slice(0, colon), username);
  const passwordOk = timingSafeEqualText(decoded.slice(colon + 1), password);
  return userOk && passwordOk;
}
