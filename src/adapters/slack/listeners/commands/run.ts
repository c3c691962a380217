import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { DomainError } from '../../../../core/errors.js';
import type { Person } from '../../../../core/people/person.js';
import { afterAck } from '../../../after-ack.js';
import type { Message, ModalView } from '../../blocks/kit.js';
import type { SlackContext } from '../../context.js';
import { commandKey, openModal, refOfCommand, type Source } from '../../interaction.js';
import type { WebClient } from '../../web.js';

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

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

/** A command that opens a modal: ack, open a loading view with the trigger, then fill it. */
export function onCommandOpen(
  ctx: SlackContext,
  title: string,
  build: (person: Person, text: string, src: Source) => Promise<ModalView | DomainError>,
) {
  return async (args: CommandArgs) => {
    await args.ack();
    const reply = replier(args);
    const src: Source = { t: 'e', u: args.command.response_url };
    await openModal(
      ctx,
      args.client,
      { triggerId: args.command.trigger_id, title, onBusy: reply },
      async () => {
        const person = await ctx.people.actor(args.client, refOfCommand(args.command));
        return person.ok ? build(person.value, args.command.text.trim(), src) : person.error;
      },
    );
  };
}
