import type { Application } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { type DomainError, ErrorCode, type Result } from '../../core/errors.js';
import { afterAck } from '../after-ack.js';
import { TRY_AGAIN } from '../forms/index.js';
import {
  answer,
  type Button,
  type ButtonTurn,
  type Data,
  idempotencyKeyOf,
  replyCard,
  type Show,
  type ShowTurn,
  type TeamsContext,
  WHO_ARE_YOU,
} from './context.js';
import { noticeCard } from './features/home/cards.js';
import { personOf } from './identity.js';
import { ShowVerb } from './ids.js';
import type { AdaptiveCard } from './kit.js';

/**
 * The answer to a failed button: when the thing was already done (a second click, an old
 * card) the card is replaced by the sentence, so the button is gone; any other failure is
 * a message and the card stays as it was.
 */
export const buttonFailure = (error: DomainError): AdaptiveCard | string =>
  error.code === ErrorCode.AlreadyDone || error.code === ErrorCode.NotFound
    ? noticeCard(error.message)
    : error.message;

/** The command of a button's use case: who pressed it, the input, the delivery's key. */
export const commandOf = <I>(turn: ButtonTurn, input: I) => ({
  actor: { personId: turn.person.id },
  input,
  idempotencyKey: turn.key,
});

/** A button that runs one use case and renders its outcome; its failure as `buttonFailure`. */
export function button<T>(
  working: string,
  call: (turn: ButtonTurn) => Promise<Result<T>>,
  render: (value: T) => AdaptiveCard | string,
): Button {
  return {
    working,
    async run(turn) {
      const result = await call(turn);
      return result.ok ? render(result.value) : buttonFailure(result.error);
    },
  };
}

/** Shows the outcome of one query as a new card, or says why there is none. */
export function showing<T>(
  query: (turn: ShowTurn) => Promise<Result<T>>,
  render: (value: T, turn: ShowTurn) => AdaptiveCard,
): Show {
  return async (turn) => {
    const result = await query(turn);
    if (!result.ok) return answer(turn.context, result.error.message);
    await replyCard(turn.context, render(result.value, turn));
  };
}

/**
 * Buttons that change something (Action.Execute). Each calls one use case after Teams has
 * its answer; the outcome replaces the card for everyone in the chat (the connector updates
 * the message), so the same button cannot be pressed twice.
 */
export function registerButtons(
  app: Application,
  ctx: TeamsContext,
  buttons: Readonly<Record<string, Button>>,
): void {
  app.adaptiveCards.actionExecute(
    Object.keys(buttons),
    async (context: TurnContext, _state, data: Data) => {
      const verb = context.activity.value?.action?.verb as string;
      const person = personOf(context);
      if (!person) return 'Sorry, I could not tell who you are.';
      const button = buttons[verb];
      if (!button) return 'That button is no longer supported.';
      const key = idempotencyKeyOf(context);
      // Without the message the button was on, the outcome can only be the answer itself.
      const origin = context.activity.replyToId;
      const work = () =>
        button.run({ person, data, key, origin }).catch((err: unknown) => {
          ctx.logger.error({ err, verb }, 'teams: card action failed');
          return TRY_AGAIN;
        });
      if (!origin) return work();
      // Teams has its answer at once; the work runs after it, behind waiting answers, and its
      // outcome replaces the card (or is said in the chat), as Slack's buttons do.
      const reference = TurnContext.getConversationReference(context.activity);
      afterAck
        .run(async () => ctx.replies.deliver(reference, origin, await work()))
        .catch((err: unknown) => ctx.logger.error({ err, verb }, 'teams: card action failed'));
      return button.working;
    },
  );
}

/**
 * Runs what shows something, for a button (Action.Submit) or a typed command: help for a
 * verb nobody handles, an apology when it fails.
 */
export function showRunner(ctx: TeamsContext, shows: Readonly<Record<string, Show>>) {
  return async (context: TurnContext, verb: string, data: Data): Promise<void> => {
    const person = personOf(context);
    if (!person) {
      await context.sendActivity(WHO_ARE_YOU);
      return;
    }
    const show = shows[verb] ?? shows[ShowVerb.help];
    try {
      if (show) await show({ context, person, data });
    } catch (err) {
      ctx.logger.error({ err, verb }, 'teams: show handler failed');
      await answer(context, TRY_AGAIN);
    }
  };
}

/** Card buttons that only show something (Action.Submit with a verb). */
export function registerShows(
  app: Application,
  shows: Readonly<Record<string, Show>>,
  run: ReturnType<typeof showRunner>,
): void {
  app.adaptiveCards.actionSubmit(Object.keys(shows), async (context, _state, data: Data) => {
    await run(context, String(data.verb), data);
  });
}
