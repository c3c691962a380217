import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { DomainError } from '../../../core/errors.js';
import type { Person } from '../../../core/people/person.js';
import { afterAck } from '../../after-ack.js';
import type { ModalView } from '../blocks/kit.js';
import type { SlackContext } from '../context.js';
import {
  actionKey,
  openModal,
  refOfInteraction,
  type Source,
  sourceOf,
  tell,
} from '../interaction.js';
import type { WebClient } from '../web.js';

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A pressed button, parsed: who, where, what, and the idempotency key of the press. */
export interface Press {
  readonly body: BlockAction;
  readonly client: WebClient;
  readonly person: Person;
  readonly value: string;
  readonly source: Source;
  readonly key: string;
  /** Tells the presser something where they pressed. */
  say(text: string): Promise<void>;
}

const pressedValue = (args: ButtonArgs) => {
  const action = args.action as { value?: unknown; selected_option?: { value?: unknown } };
  const value = action.value ?? action.selected_option?.value;
  return typeof value === 'string' ? value : '';
};

/** A button whose work happens after the ack: ack, identify, then `work`. */
export function onPress(ctx: SlackContext, work: (press: Press) => Promise<void>) {
  return async (args: ButtonArgs) => {
    await args.ack();
    await afterAck.run(() => pressed(ctx, args, work));
  };
}

async function pressed(
  ctx: SlackContext,
  args: ButtonArgs,
  work: (press: Press) => Promise<void>,
): Promise<void> {
  const { body, client } = args;
  const source = sourceOf(body);
  const where = { responseUrl: body.response_url, source, userId: body.user.id };
  const person = await ctx.people.actor(client, refOfInteraction(body));
  if (!person.ok) {
    await tell(ctx, client, where, person.error.message);
    return;
  }
  const value = pressedValue(args);
  await work({
    body,
    client,
    person: person.value,
    value,
    source,
    key: actionKey(body, args.action.action_id, value),
    say: (text) => tell(ctx, client, { ...where, person: person.value }, text),
  });
}

/** A button that opens a modal: ack, open a loading view with the trigger, then fill it. */
export function onPressOpen(
  ctx: SlackContext,
  title: string,
  build: (person: Person, value: string, source: Source) => Promise<ModalView | DomainError>,
) {
  return async (args: ButtonArgs) => {
    await args.ack();
    const { body, client } = args;
    const source = sourceOf(body);
    const value = pressedValue(args);
    const where = { responseUrl: body.response_url, source, userId: body.user.id };
    await openModal(
      ctx,
      client,
      {
        triggerId: body.trigger_id,
        title,
        push: source.t === 'v',
        onBusy: (text) => tell(ctx, client, where, text),
      },
      async () => {
        const person = await ctx.people.actor(client, refOfInteraction(body));
        return person.ok ? build(person.value, value, source) : person.error;
      },
    );
  };
}
