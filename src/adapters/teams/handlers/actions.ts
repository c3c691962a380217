import type { Application } from '@microsoft/teams-ai';
import { TurnContext } from 'botbuilder';
import { bookSlot } from '../../../core/booking/book-slot.js';
import { type DomainError, ErrorCode, type Result } from '../../../core/errors.js';
import { declineRequest } from '../../../core/requests/decline-request.js';
import { dismissOffer } from '../../../core/requests/dismiss-offer.js';
import { enrol, publishSession } from '../../../core/sessions/index.js';
import { afterAck } from '../../after-ack.js';
import type { AdaptiveCard } from '../cards/elements.js';
import { noticeCard } from '../cards/lists.js';
import { requestCard } from '../cards/requests.js';
import { sessionCard } from '../cards/session.js';
import { ActionVerb } from '../ids.js';
import { idempotencyKeyOf, personOf, SORRY, type TeamsDeps } from './turn.js';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The answer to a failed button: when the thing was already done (a second click, an old
 * card) the card is replaced by the sentence, so the button is gone; any other failure is
 * a message and the card stays as it was.
 */
const failure = (error: DomainError): AdaptiveCard | string =>
  error.code === ErrorCode.AlreadyDone || error.code === ErrorCode.NotFound
    ? noticeCard(error.message)
    : error.message;

/**
 * Buttons that change something (Action.Execute). Each calls one use case after Teams has
 * its answer; the outcome replaces the card for everyone in the chat (the connector updates
 * the message), so the same button cannot be pressed twice.
 */
export function registerActions(app: Application, deps: TeamsDeps): void {
  const { core } = deps;
  const handlers: Record<
    string,
    (personId: string, data: Data, key: string | undefined) => Promise<AdaptiveCard | string>
  > = {
    async [ActionVerb.enrol](personId, data, key) {
      const r = await enrol(core, {
        actor: { personId },
        input: { sessionId: str(data.sessionId) },
        idempotencyKey: key,
      });
      return r.ok ? sessionCard(r.value.session, 'You are enrolled.') : failure(r.error);
    },
    async [ActionVerb.publish](personId, data, key) {
      const r = await publishSession(core, {
        actor: { personId },
        input: { sessionId: str(data.sessionId) },
        idempotencyKey: key,
      });
      return r.ok
        ? sessionCard(r.value.session, 'Published. Invited mentees were told.')
        : failure(r.error);
    },
    async [ActionVerb.declineRequest](personId, data, key) {
      const r = await declineRequest(core, {
        actor: { personId },
        input: { requestId: str(data.requestId) },
        idempotencyKey: key,
      });
      return r.ok
        ? requestCard(r.value.request, 'You declined this request. The mentee was told.')
        : failure(r.error);
    },
    async [ActionVerb.dismissOffer](personId, data, key) {
      const r = await dismissOffer(core, {
        actor: { personId },
        input: { requestId: str(data.requestId) },
        idempotencyKey: key,
      });
      return r.ok ? requestCard(r.value.request, 'You dismissed this offer.') : failure(r.error);
    },
    async [ActionVerb.book](personId, data, key) {
      const r: Result<{ session: Parameters<typeof sessionCard>[0]; acceptedOfferId?: string }> =
        await bookSlot(core, {
          actor: { personId },
          input: { mentorId: str(data.mentorId), startsAt: str(data.startsAt) },
          idempotencyKey: key,
        });
      if (!r.ok) {
        const field = Object.values(r.error.fields)[0];
        return field ?? failure(r.error);
      }
      return sessionCard(
        r.value.session,
        r.value.acceptedOfferId
          ? "Booked, and the mentor's offer is accepted."
          : 'Booked. The mentor was told.',
      );
    },
  };

  app.adaptiveCards.actionExecute(
    Object.values(ActionVerb),
    async (context: TurnContext, _state, data: Data) => {
      const verb = context.activity.value?.action?.verb as string;
      const person = personOf(context);
      if (!person) return 'Sorry, I could not tell who you are.';
      const handler = handlers[verb];
      if (!handler) return 'That button is no longer supported.';
      const key = idempotencyKeyOf(context);
      const work = () =>
        handler(person.id, data, key).catch((err: unknown) => {
          deps.logger.error({ err, verb }, 'teams: card action failed');
          return SORRY;
        });
      // Without the message the button was on, the outcome can only be the answer itself.
      const messageId = context.activity.replyToId;
      if (!messageId) return work();
      // Teams has its answer at once; the work runs after it, behind waiting answers, and its
      // outcome replaces the card (or is said in the chat), as Slack's buttons do.
      const reference = TurnContext.getConversationReference(context.activity);
      afterAck
        .run(async () => deps.replies.deliver(reference, messageId, await work()))
        .catch((err: unknown) => deps.logger.error({ err, verb }, 'teams: card action failed'));
      return WORKING[verb as ActionVerb] ?? 'Working on it…';
    },
  );
}

/** What Teams shows (a short banner) while a button's work runs. */
const WORKING: Record<ActionVerb, string> = {
  [ActionVerb.enrol]: 'Enrolling you…',
  [ActionVerb.publish]: 'Publishing the session…',
  [ActionVerb.declineRequest]: 'Declining the request…',
  [ActionVerb.dismissOffer]: 'Dismissing the offer…',
  [ActionVerb.book]: 'Booking the session…',
};
