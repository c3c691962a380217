import type { BlockAction } from '@slack/bolt';
import type { Person } from '../../core/people/person.js';
import type { SlackContext } from './context.js';
import { publishHome } from './features/home/publish.js';
import type { Message } from './kit.js';
import { noticeModal } from './modal.js';
import { afterRateLimit, postToResponseUrl, type WebClient } from './web.js';

/**
 * The origin of an interaction: the message, App Home or modal a button was on, so the
 * result can replace what was pressed (docs/product.md#bad-input-and-faults). The Teams adapter uses the same word for
 * the card a button was on. Kept short: it travels in modals' private_metadata.
 */
export type Origin =
  | { t: 'e'; u: string } // an ephemeral message: its response_url
  | { t: 'c'; u: string } // a slash command: its response_url (no message to replace)
  | { t: 'm'; c: string; ts: string } // a message in a conversation
  | { t: 'h' } // the App Home
  | { t: 'v'; id: string }; // a modal

export function originOf(body: BlockAction): Origin {
  const c = body.container;
  if (c?.type === 'message' && c.is_ephemeral && body.response_url)
    return { t: 'e', u: body.response_url };
  if (c?.type === 'message' && c.channel_id && c.message_ts)
    return { t: 'm', c: c.channel_id, ts: c.message_ts };
  if (body.view?.type === 'home') return { t: 'h' };
  if (body.view) return { t: 'v', id: body.view.id };
  if (body.response_url) return { t: 'e', u: body.response_url };
  return { t: 'h' };
}

/** Replaces what the button was on with `message` (or re-renders the App Home). */
export async function updateOrigin(
  ctx: SlackContext,
  client: WebClient,
  origin: Origin,
  person: Person,
  message: Message,
): Promise<void> {
  try {
    switch (origin.t) {
      case 'e':
        await postToResponseUrl(
          origin.u,
          { replace_original: true, ...message },
          ctx.responseHosts,
        );
        return;
      case 'c':
        // A command has no message of ours to replace: the answer is a new ephemeral one.
        await postToResponseUrl(
          origin.u,
          { response_type: 'ephemeral', ...message },
          ctx.responseHosts,
        );
        return;
      case 'm':
        await afterRateLimit(() =>
          client.chat.update({ channel: origin.c, ts: origin.ts, ...message }),
        );
        return;
      case 'h':
        await publishHome(ctx, client, person);
        return;
      case 'v':
        return;
    }
  } catch (err) {
    ctx.logger.warn({ err }, 'slack: could not update the message an action came from');
  }
}

/**
 * Tells the person something (usually why their click did nothing): as an ephemeral reply
 * where Slack gave a response_url, in a modal it came from, or on top of their App Home.
 */
export async function tell(
  ctx: SlackContext,
  client: WebClient,
  where: { responseUrl?: string | undefined; origin?: Origin; person?: Person; userId: string },
  text: string,
): Promise<void> {
  try {
    if (where.responseUrl) {
      await postToResponseUrl(
        where.responseUrl,
        { response_type: 'ephemeral', replace_original: false, text },
        ctx.responseHosts,
      );
    } else if (where.origin?.t === 'v') {
      await client.views.update({ view_id: where.origin.id, view: noticeModal('mentorbot', text) });
    } else if (where.person) {
      await publishHome(ctx, client, where.person, text);
    }
  } catch (err) {
    ctx.logger.warn({ err }, 'slack: could not tell the person');
  }
}
