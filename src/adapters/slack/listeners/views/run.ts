import type {
  AllMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import type { DomainError, Result } from '../../../../core/errors.js';
import type { Person } from '../../../../core/people/person.js';
import type { SlackContext } from '../../context.js';
import { FormState } from '../../forms/state.js';
import { refOfInteraction, submissionError, viewKey } from '../../interaction.js';
import type { WebClient } from '../../web.js';

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export interface Submission {
  readonly view: ViewOutput;
  readonly state: FormState;
  readonly person: Person;
  readonly client: WebClient;
  readonly key: string;
}

/** What the modal does next: close all, show a notice, push the next step, or nothing. */
// biome-ignore lint/suspicious/noExplicitAny: Slack's view response shapes are checked by Slack
export type SubmitAnswer = Record<string, any> | undefined;

/**
 * A modal submission: identify, run the use case, then answer Slack with the next view or
 * the errors (which must happen inside the 3-second window). `after` runs once answered:
 * updating the message the flow started from, refreshing the Home tab.
 */
export function onSubmit<T>(
  ctx: SlackContext,
  run: (s: Submission) => Promise<Result<T> | DomainError>,
  answer: (value: T, s: Submission) => { response?: SubmitAnswer; after?: () => Promise<void> },
  title?: string,
) {
  return async (args: SubmitArgs) => {
    const { body, view, client } = args;
    const person = await ctx.people.actor(client, refOfInteraction(body));
    if (!person.ok) {
      await args.ack(submissionError(person.error, view, title));
      return;
    }
    const submission: Submission = {
      view,
      state: new FormState(view),
      person: person.value,
      client,
      key: viewKey(view),
    };
    const result = await run(submission);
    if (!('ok' in result)) {
      await args.ack(submissionError(result, view, title));
      return;
    }
    if (!result.ok) {
      await args.ack(submissionError(result.error, view, title));
      return;
    }
    const next = answer(result.value, submission);
    await args.ack(next.response as never);
    await next
      .after?.()
      .catch((err: unknown) =>
        ctx.logger.warn({ err }, 'slack: follow-up after a submission failed'),
      );
  };
}
