import type { Activity, Attachment, Middleware, TurnContext } from 'botbuilder';

/**
 * Dialogs (task modules) in local tools that cannot show them: the Microsoft 365 Agents
 * Playground and the Bot Framework Emulator ignore `task/fetch` buttons. Both run on this
 * machine, so their activities carry a loopback `serviceUrl`, which real Teams never does;
 * only then (and only without an app id) this middleware turns every dialog into a card in
 * the chat:
 *
 * - outgoing: a button that would open a dialog (`msteams.type: task/fetch`) becomes a plain
 *   submit button marked `inlineDialog: fetch`;
 * - incoming: such a click is handed to the bot as the `task/fetch` invoke it stands for,
 *   and the dialog it answers with (the form) is sent as a message whose buttons are marked
 *   `inlineDialog: submit`; their click is handed over as `task/submit`, and the answer (the
 *   form again with its errors, or a sentence) is sent as a message too.
 *
 * The dialog handlers are the ones Teams itself reaches, so every form works the same here.
 */

const MARK = 'inlineDialog';
type Data = Record<string, unknown>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLocalTool(serviceUrl: string | undefined): boolean {
  if (!serviceUrl) return false;
  try {
    return LOOPBACK.has(new URL(serviceUrl).hostname);
  } catch {
    return false;
  }
}

const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Rewrites every Action.Submit in a card (actions, ShowCard bodies, action sets). */
function rewriteActions(node: unknown, rewrite: (data: Data) => Data | undefined): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteActions(item, rewrite));
  if (!isObject(node)) return node;
  const out: Data = {};
  for (const [key, value] of Object.entries(node)) out[key] = rewriteActions(value, rewrite);
  if (out.type === 'Action.Submit' && isObject(out.data)) {
    const data = rewrite(out.data);
    if (data) out.data = data;
  }
  return out;
}

/** Dialog-opening buttons become plain submits the middleware recognises. */
function inlineButtons(card: unknown): unknown {
  return rewriteActions(card, (data) => {
    const msteams = data.msteams;
    if (!isObject(msteams) || msteams.type !== 'task/fetch') return undefined;
    const { msteams: _dropped, ...rest } = data;
    return { ...rest, [MARK]: 'fetch' };
  });
}

/** A dialog's form shown in the chat: its buttons send the form back (`task/submit`). */
function inlineForm(card: unknown): unknown {
  return rewriteActions(card, (data) =>
    data[MARK] === 'fetch' ? undefined : { ...data, [MARK]: 'submit' },
  );
}

const mapCards = (attachments: Attachment[] | undefined, map: (card: unknown) => unknown) =>
  attachments?.map((a) =>
    a.contentType === 'application/vnd.microsoft.card.adaptive'
      ? { ...a, content: map(a.content) }
      : a,
  );

/** The answer a dialog handler gave, as a message for the chat. */
function answerAsMessage(body: unknown): Partial<Activity> | undefined {
  const task = isObject(body) && isObject(body.task) ? body.task : undefined;
  if (!task) return undefined;
  if (task.type === 'message' && typeof task.value === 'string') {
    return { type: 'message', text: task.value };
  }
  if (task.type === 'continue' && isObject(task.value) && isObject(task.value.card)) {
    const card = task.value.card as unknown as Attachment;
    const title = typeof task.value.title === 'string' ? task.value.title : undefined;
    return {
      type: 'message',
      ...(title ? { summary: title } : {}),
      attachments: mapCards([card], (content) => inlineForm(inlineButtons(content))),
    };
  }
  return undefined;
}

export function inlineDialogs(): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      if (!isLocalTool(context.activity.serviceUrl)) return next();
      const value: unknown = context.activity.value;
      const kind = context.activity.type === 'message' && isObject(value) ? value[MARK] : undefined;
      if (kind === 'fetch' || kind === 'submit') {
        // Handed to the bot as the invoke the button stands for.
        const { [MARK]: _mark, ...data } = value as Data;
        context.activity.type = 'invoke';
        context.activity.name = kind === 'fetch' ? 'task/fetch' : 'task/submit';
        context.activity.value = { data, context: { theme: 'default' } };
      }
      context.onSendActivities(async (_ctx, activities, send) => {
        const shown = activities.map((activity) => {
          if (activity.type === 'invokeResponse' && kind !== undefined) {
            const message = answerAsMessage(
              (activity.value as { body?: unknown } | undefined)?.body,
            );
            // Keeps the conversation reference botbuilder applied to the invoke response.
            return message
              ? { ...activity, value: undefined, ...message, replyToId: context.activity.id }
              : activity;
          }
          return { ...activity, attachments: mapCards(activity.attachments, inlineButtons) };
        });
        // botbuilder sends the array it passed in: the rewrite happens in place.
        activities.splice(0, activities.length, ...(shown as Partial<Activity>[]));
        return send();
      });
      context.onUpdateActivity(async (_ctx, activity, update) => {
        activity.attachments = mapCards(activity.attachments, inlineButtons);
        return update();
      });
      return next();
    },
  };
}

/** The kind of an activity, for metrics: its type, and an invoke's name. */
export function kindOf(context: TurnContext): string {
  const { type, name } = context.activity;
  return type === 'invoke' && name ? `invoke:${name}` : (type ?? 'unknown');
}
