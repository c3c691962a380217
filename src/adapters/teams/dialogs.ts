import type { Application } from '@microsoft/teams-ai';
import type { TaskModuleTaskInfo, TurnContext } from 'botbuilder';
import { TRY_AGAIN } from '../forms/index.js';
import {
  type Data,
  type Dialog,
  type DialogTurn,
  idempotencyKeyOf,
  type TeamsContext,
  textIn,
} from './context.js';
import { valuesOf } from './form-input.js';
import { personOf } from './identity.js';
import type { DialogInfo } from './kit.js';

/**
 * Teams tells task/fetch which message the button was on (`replyToId`) but not task/submit,
 * so the dialog's submit buttons carry it back as `origin`.
 */
function withOrigin<A>(answer: A, origin: string | undefined): A {
  if (!origin || typeof answer !== 'object' || answer === null || !('card' in answer))
    return answer;
  const info = answer as unknown as DialogInfo;
  const content = info.card.content;
  const actions = content.actions?.map((action) =>
    action.type === 'Action.Submit' && typeof action.data === 'object' && action.data !== null
      ? { ...action, data: { ...(action.data as Data), origin } }
      : action,
  );
  return {
    ...info,
    card: { ...info.card, content: { ...content, ...(actions ? { actions } : {}) } },
  } as unknown as A;
}

/** Dialogs (task modules): every form of the product (docs/product.md#teams). */
export function registerDialogs(
  app: Application,
  ctx: TeamsContext,
  dialogs: Readonly<Record<string, Dialog>>,
): void {
  const turnOf = (context: TurnContext, data: Data): DialogTurn | undefined => {
    const person = personOf(context);
    if (!person) return undefined;
    return {
      context,
      person,
      actor: { personId: person.id },
      data,
      values: valuesOf(data),
      key: idempotencyKeyOf(context),
      origin: context.activity.replyToId || textIn(data, 'origin') || undefined,
    };
  };
  const verbs = Object.keys(dialogs);

  app.taskModules.fetch(
    verbs,
    async (context, _state, data: Data): Promise<TaskModuleTaskInfo | string> => {
      const turn = turnOf(context, data);
      const dialog = dialogs[String(data.verb)];
      if (!turn || !dialog)
        return 'Sorry, I could not open that form. Please try again from a new message.';
      try {
        return withOrigin(await dialog.fetch(turn), turn.origin) as TaskModuleTaskInfo | string;
      } catch (err) {
        ctx.logger.error({ err, verb: data.verb }, 'teams: dialog fetch failed');
        return TRY_AGAIN;
      }
    },
  );

  app.taskModules.submit(verbs, async (context, _state, data: Data) => {
    const turn = turnOf(context, data);
    const dialog = dialogs[String(data.verb)];
    if (!turn || !dialog) return 'Sorry, I could not read that form. Please open it again.';
    try {
      if (!dialog.submit) return undefined;
      return withOrigin(await dialog.submit(turn), turn.origin) as
        | TaskModuleTaskInfo
        | string
        | undefined;
    } catch (err) {
      ctx.logger.error({ err, verb: data.verb }, 'teams: dialog submit failed');
      return TRY_AGAIN;
    }
  });
}
