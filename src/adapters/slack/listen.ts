import type {
  AllMiddlewareArgs,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
} from '@slack/bolt';
import type { DomainError, Result } from '../../core/errors.js';
import type { Person } from '../../core/people/person.js';
import { afterAck } from '../after-ack.js';
import type { SlackContext } from './context.js';
import { refOfCommand, refOfInteraction } from './identity.js';
import { actionKey, actionValue, commandKey } from './keys.js';
import type { Message, ModalView } from './kit.js';
import { openModal } from './modal.js';
import { type Origin, originOf, tell, updateOrigin } from './origin.js';
import type { SlackRouter } from './router.js';
import type { WebClient } from './web.js';

/**
 * The shapes every feature's listeners take: a command and a button (a modal submission's
 * is in submit.ts). Each acks within Slack's 3 seconds, identifies the person, and hands the
 * feature a parsed request with its idempotency key.
 */

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

// Commands

export interface Invocation {
  readonly text: string;
  readonly person: Person;
  readonly client: WebClient;
  readonly key: string;
  /** An ephemeral answer to the person who typed the command. */
  reply(answer: string | Message): Promise<void>;
}

const replier = (args: CommandArgs) => async (answer: string | Message) => {
  const body = typeof answer === 'string' ? { text: answer } : answer;
  await args.respond({ response_type: 'ephemeral', ...body }).catch(() => {});
};

/** A command answered with a message: ack at once (3 s), then identify and work. */
export function onCommand(ctx: SlackContext, work: (run: Invocation) => Promise<void>) {
  return async (args: CommandArgs) => {
    await args.ack();
    await afterAck.run(async () => {
      const reply = replier(args);
      const person = await ctx.people.actor(args.client, refOfCommand(args.command));
      if (!person.ok) return reply(person.error.message);
      await work({
        text: args.command.text.trim(),
        person: person.value,
        client: args.client,
        key: commandKey(args.command),
        reply,
      });
    });
  };
}

/** Builds a modal for a person, or says why it cannot be shown. */
export type BuildModal<V> = (
  person: Person,
  value: V,
  origin: Origin,
) => Promise<ModalView | DomainError>;

/** A form for the person: the value of the button that opens it, and where it was. */
export type Form = (
  ctx: SlackContext,
  person: Person,
  value: string,
  origin: Origin,
) => Promise<ModalView | DomainError>;

/** A modal drawn from one core query's answer, or the query's error in place of the form. */
export async function modalOf<T>(
  answer: Promise<Result<T>>,
  render: (value: T) => ModalView,
): Promise<ModalView | DomainError> {
  const result = await answer;
  return result.ok ? render(result.value) : result.error;
}

/** A command that opens a modal: ack, open a loading view with the trigger, then fill it. */
export function onCommandOpen(ctx: SlackContext, title: string, build: BuildModal<string>) {
  return async (args: CommandArgs) => {
    await args.ack();
    const origin: Origin = { t: 'c', u: args.command.response_url };
    await openModal(
      ctx.logger,
      args.client,
      { triggerId: args.command.trigger_id, title, onBusy: replier(args) },
      async () => {
        const person = await ctx.people.actor(args.client, refOfCommand(args.command));
        return person.ok ? build(person.value, args.command.text.trim(), origin) : person.error;
      },
    );
  };
}

// Buttons

/** A pressed button, parsed: who, where, what, and the idempotency key of the press. */
export interface Press {
  readonly body: BlockAction;
  readonly client: WebClient;
  readonly person: Person;
  readonly value: string;
  readonly origin: Origin;
  readonly key: string;
  /** Tells the presser something where they pressed. */
  say(text: string): Promise<void>;
}

const pressedValue = (args: ButtonArgs) => actionValue(args.action);

const whereOf = (body: BlockAction, origin: Origin) => ({
  responseUrl: body.response_url,
  origin,
  userId: body.user.id,
});

/** A button whose work happens after the ack: ack, identify, then `work`. */
export function onPress(ctx: SlackContext, work: (press: Press) => Promise<void>) {
  return async (args: ButtonArgs) => {
    await args.ack();
    await afterAck.run(async () => {
      const { body, client } = args;
      const origin = originOf(body);
      const where = whereOf(body, origin);
      const person = await ctx.people.actor(client, refOfInteraction(body));
      if (!person.ok) return tell(ctx, client, where, person.error.message);
      const value = pressedValue(args);
      await work({
        body,
        client,
        person: person.value,
        value,
        origin,
        key: actionKey(body, args.action.action_id, value),
        say: (text) => tell(ctx, client, { ...where, person: person.value }, text),
      });
    });
  };
}

/** Buttons that each open one form: `[action_id, modal title, form]`. */
export function opensForms(
  app: SlackRouter,
  ctx: SlackContext,
  forms: readonly (readonly [string, string, Form])[],
): void {
  for (const [action, title, form] of forms) {
    app.action(
      action,
      onPressOpen(ctx, title, (person, value, origin) => form(ctx, person, value, origin)),
    );
  }
}

/** A button that runs one command and shows its result in place of what was pressed. */
export function onPressReplace<T>(
  ctx: SlackContext,
  run: (press: Press) => Promise<Result<T>>,
  render: (value: T) => Message,
) {
  return onPress(ctx, async (p) => {
    const result = await run(p);
    if (!result.ok) return p.say(result.error.message);
    await updateOrigin(ctx, p.client, p.origin, p.person, render(result.value));
  });
}

/** A button that opens a modal: ack, open a loading view with the trigger, then fill it. */
export function onPressOpen(ctx: SlackContext, title: string, build: BuildModal<string>) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const { body, client } = args;
    const origin = originOf(body);
    const value = pressedValue(args);
    await openModal(
      ctx.logger,
      client,
      {
        triggerId: body.trigger_id,
        title,
        push: origin.t === 'v',
        onBusy: (text) => tell(ctx, client, whereOf(body, origin), text),
      },
      async () => {
        const person = await ctx.people.actor(client, refOfInteraction(body));
        return person.ok ? build(person.value, value, origin) : person.error;
      },
    );
  };
}
