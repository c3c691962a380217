import { TRY_AGAIN } from '../../../forms/index.js';
import { button, commandOf, showing } from '../../buttons.js';
import { type Data, type Feature, replyCard, type TeamsContext, textIn } from '../../context.js';
import { again } from '../../form-input.js';
import { ActionVerb, DialogVerb, PageVerb, ShowVerb } from '../../ids.js';
import { answerOnOrigin } from '../../origin.js';
import { offsetIn, pageTurn } from '../../pager.js';
import { sessionCard } from '../sessions/cards.js';
import { incomingRequestsCard, myRequestsCard, requestCard } from './cards.js';
import { requestSessionForm, sendOfferForm } from './forms.js';
import { OFFER_SLOTS, REQUEST_SLOTS } from './parse.js';

/**
 * Mentorship requests (docs/product.md#mentorship-requests): *Request a Session* and
 * *I want to mentor you!*, the mentor's *Decline* and the mentee's *Dismiss*, and the lists
 * of requests on both sides.
 */
export function requestsFeature(ctx: TeamsContext): Feature {
  const { mentorship } = ctx;
  const requestOf = (data: Data) => ({ requestId: textIn(data, 'requestId') });
  return {
    buttons: {
      // Another session like one of theirs: the next one, a week on, in one press.
      [ActionVerb.cloneForRequest]: button(
        'Booking the next session…',
        (turn) =>
          mentorship.cloneSession(
            commandOf(turn, {
              sessionId: textIn(turn.data, 'sessionId'),
              requestId: textIn(turn.data, 'requestId'),
            }),
          ),
        ({ session }) => sessionCard(session, 'The next session is booked. They were told.'),
      ),
      [ActionVerb.declineRequest]: button(
        'Declining the request…',
        (turn) => mentorship.declineRequest(commandOf(turn, requestOf(turn.data))),
        ({ request }) => requestCard(request, 'You declined this request. The mentee was told.'),
      ),
      [PageVerb.myRequests]: pageTurn(
        (personId, data) =>
          mentorship.myRequests({
            actor: { personId },
            input: { offset: offsetIn(data, 'offset') },
          }),
        ({ requests, page }) => myRequestsCard(requests, page),
      ),
      [PageVerb.incomingRequests]: pageTurn(
        (personId, data) =>
          mentorship.incomingRequests({
            actor: { personId },
            input: { offset: offsetIn(data, 'offset') },
          }),
        ({ requests, page }) => incomingRequestsCard(requests, page),
      ),
      [ActionVerb.dismissOffer]: button(
        'Dismissing the offer…',
        (turn) => mentorship.dismissOffer(commandOf(turn, requestOf(turn.data))),
        ({ request }) => requestCard(request, 'You dismissed this offer.'),
      ),
    },

    shows: {
      [ShowVerb.myRequests]: showing(
        ({ person }) => mentorship.myRequests({ actor: { personId: person.id } }),
        ({ requests, page }) => myRequestsCard(requests, page),
      ),
      [ShowVerb.incomingRequests]: showing(
        ({ person }) => mentorship.incomingRequests({ actor: { personId: person.id } }),
        ({ requests, page }) => incomingRequestsCard(requests, page),
      ),
    },

    dialogs: {
      [DialogVerb.requestSession]: {
        async fetch({ actor, data }) {
          const mentorId = textIn(data, 'mentorId');
          const likeSessionId = textIn(data, 'sessionId');
          const query = textIn(data, 'mentorQuery');
          const typed = textIn(data, 'text');
          const form = await mentorship.requestForm({
            actor,
            input: {
              kind: 'session',
              ...(mentorId
                ? { mentorId, ...(likeSessionId ? { sessionId: likeSessionId } : {}) }
                : typed
                  ? { text: typed }
                  : query
                    ? { mentorQuery: query }
                    : {}),
            },
          });
          if (!form.ok) return form.error.message;
          if (form.value.kind !== 'session') return TRY_AGAIN;
          const list = form.value.mentors;
          const picked = form.value.mentor?.id ?? (list.length === 1 ? list[0]?.mentor.id : '');
          const values = { mentorId: picked ?? '', message: form.value.message ?? '' };
          return requestSessionForm(list, { values, errors: {} }, form.value.likeSession);
        },
        async submit({ context, actor, data, values, key }) {
          const likeSessionId = textIn(data, 'sessionId');
          const result = await mentorship.requestSession({
            actor,
            input: {
              mentorId: values.mentorId ?? '',
              message: values.message ?? '',
              ...(likeSessionId ? { sessionId: likeSessionId } : {}),
            },
            idempotencyKey: key,
          });
          if (!result.ok) {
            const form = await mentorship.requestForm({ actor, input: { kind: 'session' } });
            const list = form.ok && form.value.kind === 'session' ? form.value.mentors : [];
            return again(
              (state) => requestSessionForm(list, state),
              values,
              result.error,
              REQUEST_SLOTS,
            );
          }
          const { outcome, request } = result.value;
          await replyCard(
            context,
            requestCard(
              request,
              outcome === 'offerAccepted'
                ? `${request.mentor.name} had offered to mentor you: you accepted, and your request was sent to them.`
                : `Request sent to ${request.mentor.name}.`,
            ),
          );
          return undefined;
        },
      },

      [DialogVerb.sendOffer]: {
        async fetch({ actor, data }) {
          const menteeId = textIn(data, 'menteeId');
          const form = await mentorship.requestForm({ actor, input: { kind: 'offer', menteeId } });
          if (!form.ok) return form.error.message;
          if (form.value.kind !== 'offer') return TRY_AGAIN;
          return sendOfferForm(menteeId, form.value.mentee.name, { values: {}, errors: {} });
        },
        async submit(turn) {
          const { actor, data, values, key } = turn;
          const menteeId = textIn(data, 'menteeId');
          const result = await mentorship.sendMentorOffer({
            actor,
            input: { menteeId, message: values.message ?? '' },
            idempotencyKey: key,
          });
          if (!result.ok) {
            const name = textIn(data, 'menteeName') || 'this mentee';
            return again(
              (state) => sendOfferForm(menteeId, name, state),
              values,
              result.error,
              OFFER_SLOTS,
            );
          }
          return answerOnOrigin(
            turn,
            requestCard(
              result.value.request,
              `Request sent to ${result.value.request.mentee.name}.`,
            ),
            ctx.logger,
          );
        },
      },
    },
  };
}
