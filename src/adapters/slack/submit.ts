import type {
  AllMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewOutput,
  ViewSubmitAction,
} from '@slack/bolt';
import { DomainError, type Result } from '../../core/errors.js';
import type { Person } from '../../core/people/person.js';
import type { SlackContext } from './context.js';
import { FormState } from './form-state.js';
import { refOfInteraction } from './identity.js';
import { viewKey } from './keys.js';
import { submissionError } from './modal.js';
import type { WebClient } from './web.js';

/**
 * The shape of every modal submission's listener: identify, run one command, answer Slack
 * within its 3 seconds with the next view or the field errors, then do what may wait.
 */

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

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

/** A command's request from a submitted form: the person acting, the input, the key. */
export interface FormRequest<I> {
  readonly actor: { readonly personId: string };
  readonly input: I;
  readonly idempotencyKey: string;
}

/** Parses a submitted form, then runs `command` with it; a parse error is the answer. */
export const submitted =
  <I, T>(
    parse: (state: FormState) => I | DomainError,
    command: (request: FormRequest<I>) => Promise<Result<T>>,
  ) =>
  async (s: Submission): Promise<Result<T> | DomainError> => {
    const input = parse(s.state);
    if (input instanceof DomainError) return input;
    return command({ actor: { personId: s.person.id }, input, idempotencyKey: s.key });
  };

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
    if (!('ok' in result) || !result.ok) {
      const error = 'ok' in result ? result.error : result;
      await args.ack(submissionError(error, view, title));
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
