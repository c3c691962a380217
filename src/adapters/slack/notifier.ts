import { LRUCache } from 'lru-cache';
import type { Notification } from '../../core/notifications.js';
import type { Notifier } from '../../core/ports.js';
import type { Logger } from '../../logger.js';
import { markSkipped } from '../notify/counting.js';
import {
  redrawn,
  redrawsSession,
  type SessionMessages,
  shapeOf,
} from '../notify/session-messages.js';
import type { TokenSource } from './auth.js';
import { enrolledMessage } from './features/sessions/views.js';
import { renderNotification } from './notifications.js';
import { afterRateLimit, type ClientCache, toRateLimitedError, type WebClient } from './web.js';

/** `slack:T123:U456` -> tenant and user. */
function addressOf(personId: string): { tenantId: string; userId: string } | undefined {
  const [platform, tenantId, userId] = personId.split(':');
  return platform === 'slack' && tenantId && userId ? { tenantId, userId } : undefined;
}

/** Caches each person's DM channel: `conversations.open` returns the same one every time. */
export class DirectMessages {
  // The least recently used are forgotten first; a forgotten one is simply opened again.
  private readonly channels = new LRUCache<string, string>({ max: 20_000 });

  async channelOf(client: WebClient, tenantId: string, userId: string): Promise<string> {
    const key = `${tenantId}:${userId}`;
    const known = this.channels.get(key);
    if (known) return known;
    const opened = await client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    this.channels.set(key, channel);
    return channel;
  }
}

/**
 * Delivers the core's notifications as DMs (docs/product.md#slack): `conversations.open`, then
 * `chat.postMessage` with blocks and fallback text. A 429 becomes `RateLimitedError`, which
 * the paced notifier around this one waits out and retries.
 */
export class SlackNotifier implements Notifier {
  constructor(
    private readonly tokens: TokenSource,
    private readonly clients: ClientCache,
    private readonly dms: DirectMessages,
    private readonly logger: Logger,
    /** Where each person's messages about a session are, to redraw them after a change. */
    private readonly messages?: SessionMessages,
  ) {}

  async notify(notification: Notification): Promise<void> {
    const address = addressOf(notification.recipient);
    if (!address) return markSkipped(notification);
    const token = await this.tokens.botTokenFor(address.tenantId);
    if (!token) {
      this.logger.warn({ tenantId: address.tenantId }, 'slack: no bot token for this workspace');
      return markSkipped(notification);
    }
    const client = this.clients.get(token);
    const { text, blocks } = renderNotification(notification);
    let channel: string;
    let ts: string | undefined;
    try {
      channel = await this.dms.channelOf(client, address.tenantId, address.userId);
      ts = (await client.chat.postMessage({ channel, text, blocks })).ts;
    } catch (err) {
      throw toRateLimitedError(err);
    }
    if (!this.messages) return;
    const shape = shapeOf(notification);
    const session = 'session' in notification ? notification.session : undefined;
    if (shape && session && ts) {
      await this.messages.record(
        {
          sessionId: session.id,
          personId: notification.recipient,
          address: { channel, ts },
          shape,
        },
        new Date(),
      );
    }
    await this.redraw(client, notification);
  }

  /**
   * After a change or a cancellation, the person's earlier messages about the session (the
   * invitation, the enrolment, ...) show the session as it is now. A message that cannot be
   * updated (deleted, too old) is left as it is: the new DM says what changed.
   */
  private async redraw(client: WebClient, notification: Notification): Promise<void> {
    const session = redrawsSession(notification);
    if (!session || !this.messages) return;
    for (const earlier of await this.messages.of(session.id, notification.recipient)) {
      const { channel, ts } = earlier.address;
      if (!channel || !ts) continue;
      const again = redrawn(earlier, session, notification.workspaceId);
      const drawn =
        notification.kind === 'sessionCancelled'
          ? renderNotification(notification)
          : again.kind === 'enrolled'
            ? enrolledMessage(again.session)
            : renderNotification(again);
      try {
        await afterRateLimit(() => client.chat.update({ channel, ts, ...drawn }));
      } catch (err) {
        this.logger.warn(
          { err, sessionId: session.id },
          'slack: an earlier message was not updated',
        );
      }
    }
  }
}
