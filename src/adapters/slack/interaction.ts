import type { BlockAction, SlashCommand, ViewOutput } from '@slack/bolt';
import { DomainError, ErrorCode } from '../../core/errors.js';
import type { Person } from '../../core/people/person.js';
import type { Message, ModalView } from './blocks/kit.js';
import { loadingModal, noticeModal } from './blocks/modals.js';
import type { SlackContext } from './context.js';
import { publishHome } from './home-tab.js';
import type { SlackUserRef } from './people.js';
import { afterRateLimit, isRateLimited, postToResponseUrl, type WebClient } from './web.js';

/** What people read when Slack rate-limits us inside the 3-second window. */
export const SLACK_BUSY =
  'Slack is asking us to slow down right now, so nothing was changed. Please try again in a few seconds.';

export const refOfCommand = (body: SlashCommand): SlackUserRef => ({
  teamId: body.team_id,
  enterpriseId: body.enterprise_id,
  userId: body.user_id,
  fallbackName: body.user_name,
  teamName: body.team_domain,
});

type Interaction = {
  user: { id: string; name?: string; username?: string; team_id?: string };
  team: { id: string; domain?: string } | null;
  enterprise?: { id: string } | null;
};

export const refOfInteraction = (body: Interaction): SlackUserRef => ({
  teamId: body.team?.id ?? body.user.team_id ?? '',
  enterpriseId: body.enterprise?.id,
  userId: body.user.id,
  fallbackName: body.user.name ?? body.user.username,
  teamName: body.team?.domain,
});

/**
 * Idempotency keys from Slack's payloads. A slash command has one `trigger_id`; a button
 * pressed twice on the same message (or the same App Home/modal render) is the same intent,
 * whatever its `action_ts`; a modal submission is its view id and hash.
 */
export const commandKey = (body: SlashCommand) =>
  `slack:cmd:${body.team_id}:${body.user_id}:${body.trigger_id}`;

export function actionKey(body: BlockAction, actionId: string, value: string): string {
  const where =
    body.container?.message_ts ??
    (body.view ? `${body.view.id}:${body.view.hash}` : body.trigger_id);
  return `slack:act:${body.user.id}:${actionId}:${value}:${where}`;
}

export const viewKey = (view: ViewOutput) => `slack:view:${view.id}:${view.hash}`;

/**
 * Where a button was pressed, so the result can replace what was pressed
 * (docs/product.md#bad-input-and-faults).
 */
export type Source =
  | { t: 'e'; u: string } // an ephemeral message: its response_url
  | { t: 'm'; c: string; ts: string } // a message in a conversation
  | { t: 'h' } // the App Home
  | { t: 'v'; id: string }; // a modal

export function sourceOf(body: BlockAction): Source {
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
export async function updateSource(
  ctx: SlackContext,
  client: WebClient,
  source: Source,
  person: Person,
  message: Message,
): Promise<void> {
  try {
    switch (source.t) {
      case 'e':
        await postToResponseUrl(
          source.u,
          { replace_original: true, ...message },
          ctx.responseHosts,
        );
        return;
      case 'm':
        await afterRateLimit(() =>
          client.chat.update({ channel: source.c, ts: source.ts, ...message }),
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
  where: { responseUrl?: string | undefined; source?: Source; person?: Person; userId: string },
  text: string,
): Promise<void> {
  try {
    if (where.responseUrl) {
      await postToResponseUrl(
        where.responseUrl,
        { response_type: 'ephemeral', replace_original: false, text },
        ctx.responseHosts,
      );
    } else if (where.source?.t === 'v') {
      await client.views.update({ view_id: where.source.id, view: noticeModal('mentorbot', text) });
    } else if (where.person) {
      await publishHome(ctx, client, where.person, text);
    }
  } catch (err) {
    ctx.logger.warn({ err }, 'slack: could not tell the person');
  }
}

/**
 * Opens a modal with the `trigger_id` before any database work (it expires in 3 s), then
 * fills it. `build` answers the view, or a DomainError shown in place of the form, so a
 * switched-off feature or a forbidden form is never half-shown
 * (docs/product.md#switched-off-features).
 */
export async function openModal(
  ctx: SlackContext,
  client: WebClient,
  args: {
    triggerId: string;
    title: string;
    push?: boolean;
    onBusy: (text: string) => Promise<void>;
  },
  build: () => Promise<ModalView | DomainError>,
): Promise<void> {
  let viewId: string | undefined;
  try {
    // From inside a modal the new one is pushed on top, so Close returns to it.
    const request = { trigger_id: args.triggerId, view: loadingModal(args.title) };
    const opened = args.push ? await client.views.push(request) : await client.views.open(request);
    viewId = opened.view?.id;
  } catch (err) {
    if (isRateLimited(err)) await args.onBusy(SLACK_BUSY);
    else ctx.logger.warn({ err }, 'slack: views.open failed');
    return;
  }
  if (!viewId) return;
  let view: ModalView;
  try {
    const built = await build();
    view = built instanceof DomainError ? noticeModal(args.title, built.message) : built;
  } catch (err) {
    ctx.logger.error({ err }, 'slack: building a modal failed');
    view = noticeModal(
      args.title,
      new DomainError(ErrorCode.TryAgain, 'Sorry, something went wrong. Please try again.').message,
    );
  }
  const id = viewId;
  await afterRateLimit(() => client.views.update({ view_id: id, view })).catch((err: unknown) =>
    ctx.logger.warn({ err }, 'slack: views.update failed'),
  );
}

/**
 * The answer to a view submission for a failed command: field errors inline on their
 * blocks (`response_action: errors`); anything else replaces the form with the sentence.
 */
export function submissionError(error: DomainError, view: ViewOutput, title = 'mentorbot') {
  const inputs = new Set(
    (view.blocks as { type?: string; block_id?: string }[])
      .filter((b) => b.type === 'input' && b.block_id)
      .map((b) => b.block_id as string),
  );
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(error.fields)) {
    const block = blockFor(field, inputs);
    if (block && !errors[block]) errors[block] = text.slice(0, 150 * 10);
  }
  if (Object.keys(errors).length > 0) return { response_action: 'errors' as const, errors };
  return { response_action: 'update' as const, view: noticeModal(title, error.message) };
}

/** `recommendedFor.selected` -> `recommendedFor`; `availability.2.end` -> `availability`. */
function blockFor(field: string, inputs: ReadonlySet<string>): string | undefined {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (inputs.has(candidate)) return candidate;
  }
  return undefined;
}

export const encodeMeta = (meta: object) => JSON.stringify(meta);

export function decodeMeta<T extends object>(text: string | undefined): Partial<T> {
  try {
    const parsed = JSON.parse(text || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Partial<T>) : {};
  } catch {
    return {};
  }
}
