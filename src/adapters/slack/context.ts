import type { Mentorship } from '../../core/api.js';
import type { Logger } from '../../logger.js';
import type { SessionMessages } from '../notify/session-messages.js';
import type { SlackPeople } from './identity.js';
import type { SlackRouter } from './router.js';

/** What every listener gets besides Bolt's arguments. */
export interface SlackContext {
  /** Every command and query of the product (src/core/api.ts): all a listener calls. */
  readonly mentorship: Mentorship;
  readonly people: SlackPeople;
  readonly logger: Logger;
  /** Hosts a `response_url` may point at (Slack's, or the configured stand-in). */
  readonly responseHosts: ReadonlySet<string>;
  /** Where people's messages about a session are (an *Enroll* press records its message). */
  readonly sessionMessages?: SessionMessages;
}

export type Register = (app: SlackRouter, ctx: SlackContext) => void;
