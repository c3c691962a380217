import type { BlockAction, SlashCommand, ViewOutput } from '@slack/bolt';

/**
 * Idempotency keys from Slack's payloads, for the use cases and the inbox alike. A slash
 * command has one `trigger_id`; a button pressed twice on the same message (or the same App
 * Home/modal render) is the same intent, whatever its `action_ts`; a modal submission is its
 * view id and hash; an event is its `event_id` (Slack's retries keep it).
 */
export const commandKey = (body: Pick<SlashCommand, 'team_id' | 'user_id' | 'trigger_id'>) =>
  `slack:cmd:${body.team_id}:${body.user_id}:${body.trigger_id}`;

export function actionKey(body: BlockAction, actionId: string, value: string): string {
  const where =
    body.container?.message_ts ??
    (body.view ? `${body.view.id}:${body.view.hash}` : body.trigger_id);
  return `slack:act:${body.user.id}:${actionId}:${value}:${where}`;
}

export const viewKey = (view: Pick<ViewOutput, 'id' | 'hash'>) =>
  `slack:view:${view.id}:${view.hash}`;

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const idOf = (value: unknown) =>
  value && typeof value === 'object' ? str((value as { id?: unknown }).id) : '';

/** The value a pressed button or chosen option carries. */
export const actionValue = (action: unknown): string => {
  const a = (action ?? {}) as { value?: unknown; selected_option?: { value?: unknown } };
  const value = a.value ?? a.selected_option?.value;
  return typeof value === 'string' ? value : '';
};

/**
 * What the inbox keeps of a request (a shape-checked body): its key, for what has work
 * after its answer (commands, buttons, events), and its lane, the person's. A modal
 * submission has none: its command runs before its answer, which carries the outcome.
 */
export function interactionOf(body: Record<string, unknown>): {
  key: string | undefined;
  lane: string | undefined;
} {
  const team = str(body.team_id) || idOf(body.team) || idOf(body.enterprise);
  const event = body.event as { user?: unknown } | undefined;
  const user = str(body.user_id) || idOf(body.user) || str(event?.user);
  const lane = user ? `slack:${team}:${user}` : undefined;
  if (typeof body.command === 'string') {
    return {
      key: commandKey({ team_id: team, user_id: user, trigger_id: str(body.trigger_id) }),
      lane,
    };
  }
  if (body.type === 'block_actions') {
    const action = (body as unknown as BlockAction).actions?.[0];
    const actionId = str((action as { action_id?: unknown } | undefined)?.action_id);
    return { key: actionKey(body as unknown as BlockAction, actionId, actionValue(action)), lane };
  }
  if (body.type === 'event_callback' && typeof body.event_id === 'string') {
    return { key: `slack:evt:${body.event_id}`, lane };
  }
  return { key: undefined, lane };
}
