import type { Db } from 'mongodb';
import type { Config } from '../config.js';
import type { Mentorship } from '../core/api.js';
import type { Platform } from '../core/people/person.js';
import type { Notifier } from '../core/ports.js';
import type { Clock } from '../core/time.js';
import type { Logger } from '../logger.js';
import type { HttpServer } from '../server.js';
import type { DurableInbox } from './inbox.js';

/** What the composition root hands each chat-platform adapter. */
export interface AdapterContext {
  readonly config: Readonly<Config>;
  /** Every command and query of the product: what adapters call (see `src/core/api.ts`). */
  readonly mentorship: Mentorship;
  /** "Now" for adapter-owned records (conversation references, link expiry): the core's clock. */
  readonly clock: Clock;
  /** The product database, for adapter-owned collections (installations, conversations). */
  readonly db: Db;
  readonly logger: Logger;
  /** Adapters mount their routes here (`/slack/*`, `/api/messages`, ...). */
  readonly server: HttpServer;
  /** Where accepted interactions are recorded before they are answered. */
  readonly inbox?: DurableInbox | undefined;
}

/** One shutdown budget shared by every part of a stop: what is left of it, in ms. */
export interface Deadline {
  left(): number;
}

export function deadlineIn(ms: number, now: () => number = Date.now): Deadline {
  const at = now() + ms;
  return { left: () => Math.max(0, at - now()) };
}

/** A started adapter: its notifier delivers the core's notifications on its platform. */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly notifier: Notifier;
  /** Finishes what it started while `deadline` has time left; what is not done stays in the inbox. */
  stop?(deadline: Deadline): Promise<void>;
}

/**
 * An adapter factory answers `undefined` when its platform is not configured (no Slack
 * credentials, say), and the service runs without it.
 */
export type AdapterFactory = (context: AdapterContext) => Promise<PlatformAdapter | undefined>;
