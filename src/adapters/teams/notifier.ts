import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Notification } from '../../core/notifications.js';
import type { Notifier } from '../../core/ports.js';
import type { Clock } from '../../core/time.js';
import { markSkipped } from '../notify/counting.js';
import { RateLimitedError } from '../notify/rate-limit.js';
import {
  redrawn,
  redrawsSession,
  type SessionMessages,
  shapeOf,
} from '../notify/session-messages.js';
import type { ConversationStore } from './conversations.js';
import { sessionCard } from './features/sessions/cards.js';
import { attachment } from './kit.js';
import { notificationCard } from './notifications.js';
import { updateOf } from './origin.js';
import { proactively } from './proactive.js';
import { withZoneNote } from './zone-note.js';

interface NotifierLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

interface TeamsNotifierOptions {
  readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  readonly appId: string;
  readonly conversations: ConversationStore;
  readonly clock: Clock;
  readonly logger: NotifierLog;
  /** Where each person's messages about a session are, to redraw them after a change. */
  readonly messages?: SessionMessages;
  /** Retries of a transient failure (412, 502, 504) before giving up. Default 3. */
  readonly maxTransientRetries?: number;
  /** Base of the exponential backoff. Default 500 ms. */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** The HTTP status of a failed connector call, wherever the SDK put it. */
function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const candidate of [e.statusCode, e.status, e.response?.status]) {
    if (typeof candidate === 'number') return candidate;
  }
  return undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: unknown } })?.response?.headers as
    | { get?: (name: string) => string | undefined | null; [key: string]: unknown }
    | undefined;
  const raw =
    typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  const seconds = Number(raw);
  return typeof raw === 'string' && Number.isFinite(seconds) && seconds >= 0
    ? seconds * 1000
    : undefined;
}

const UNREACHABLE = new Set([403, 404]);
const TRANSIENT = new Set([412, 502, 504]);

/**
 * The core's Notifier for Teams: every notification becomes an Adaptive Card sent as a
 * proactive message into the recipient's personal chat with the bot. 403/404 (the person
 * uninstalled or blocked the bot) mark the person unreachable: logged once and never
 * retried until they write to the bot again. 412/502/504 are retried here with exponential
 * backoff and jitter. 429 becomes a RateLimitedError, so the PacedNotifier around this one
 * holds back the whole tenant for the wait instead of this one message hammering on.
 */
export class TeamsNotifier implements Notifier {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: TeamsNotifierOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Full jitter: a random wait up to base * 2^attempt. */
  private backoff(attempt: number): number {
    const base = this.options.backoffMs ?? 500;
    return Math.round(this.random() * base * 2 ** attempt) + 1;
  }

  async notify(notification: Notification): Promise<void> {
    const { conversations, logger } = this.options;
    const log = { kind: notification.kind, recipient: notification.recipient };
    const target = await conversations.get(notification.recipient);
    if (!target) {
      logger.warn(log, 'teams: no conversation with this person yet; notification not delivered');
      markSkipped(notification);
      return;
    }
    if (target.unreachable) {
      logger.info(log, 'teams: person unreachable (bot removed or blocked); notification skipped');
      markSkipped(notification);
      return;
    }
    const content = withZoneNote(notificationCard(notification));
    const activity = {
      type: 'message' as const,
      summary: content.fallbackText,
      attachments: [attachment(content)],
    };
    const maxRetries = this.options.maxTransientRetries ?? 3;
    const reference = target.reference as Partial<ConversationReference>;
    for (let attempt = 0; ; attempt++) {
      try {
        let sent: string | undefined;
        await proactively(this.options.adapter, this.options.appId, reference, async (context) => {
          sent = (await context.sendActivity(activity))?.id;
        });
        await this.remember(notification, sent);
        await this.redraw(notification, reference);
        return;
      } catch (err) {
        const status = statusOf(err);
        if (status !== undefined && UNREACHABLE.has(status)) {
          await conversations.markUnreachable(
            notification.recipient,
            status,
            this.options.clock.now(),
          );
          logger.warn({ ...log, status }, 'teams: person unreachable; marked, will not retry');
          markSkipped(notification);
          return;
        }
        if (status === 429) throw new RateLimitedError(retryAfterMs(err) ?? this.backoff(attempt));
        if (status !== undefined && TRANSIENT.has(status) && attempt < maxRetries) {
          const wait = this.backoff(attempt);
          logger.info({ ...log, status, attempt, wait }, 'teams: transient failure; retrying');
          await this.sleep(wait);
          continue;
        }
        throw err;
      }
    }
  }

  /** Keeps where a message showing a session is, so a change can redraw it. */
  private async remember(notification: Notification, activityId: string | undefined) {
    const shape = shapeOf(notification);
    const session = 'session' in notification ? notification.session : undefined;
    if (!this.options.messages || !shape || !session || !activityId) return;
    await this.options.messages.record(
      { sessionId: session.id, personId: notification.recipient, address: { activityId }, shape },
      this.options.clock.now(),
    );
  }

  /**
   * After a change or a cancellation, the person's earlier cards about the session (the
   * invitation, the enrolment, ...) show the session as it is now. A card that cannot be
   * updated is left as it is: the new message says what changed.
   */
  private async redraw(notification: Notification, reference: Partial<ConversationReference>) {
    const session = redrawsSession(notification);
    if (!session || !this.options.messages) return;
    const earlier = await this.options.messages.of(session.id, notification.recipient);
    for (const message of earlier) {
      const id = message.address.activityId;
      if (!id) continue;
      const again = redrawn(message, session, notification.workspaceId);
      const content =
        notification.kind === 'sessionCancelled'
          ? notificationCard(notification)
          : again.kind === 'enrolled'
            ? sessionCard(again.session, 'You are enrolled.')
            : notificationCard(again);
      try {
        await proactively(this.options.adapter, this.options.appId, reference, (context) =>
          context.updateActivity(updateOf(id, content)),
        );
      } catch (err) {
        this.options.logger.warn(
          { err, sessionId: session.id },
          'teams: an earlier card was not updated',
        );
      }
    }
  }
}
