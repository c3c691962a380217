import { findMentors } from '../../../../core/people/find-mentors.js';
import { declineRequest } from '../../../../core/requests/decline-request.js';
import { dismissOffer } from '../../../../core/requests/dismiss-offer.js';
import { incomingRequests, myMentorshipRequests } from '../../../../core/requests/list-requests.js';
import { requestSession } from '../../../../core/requests/request-session.js';
import { sendMentorOffer } from '../../../../core/requests/send-mentor-offer.js';
import { requireFeature } from '../../../../core/workspaces/features.js';
import { button, commandOf, showing } from '../../buttons.js';
import { type Feature, replyCard, type TeamsContext, textIn } from '../../context.js';
import { again } from '../../form-input.js';
import { ActionVerb, DialogVerb, ShowVerb } from '../../ids.js';
import { answerOnOrigin } from '../../origin.js';
import { incomingRequestsCard, myRequestsCard, requestCard } from './cards.js';
import { requestSessionForm, sendOfferForm } from './forms.js';
import { OFFER_SLOTS, REQUEST_SLOTS } from './parse.js';

/**
 * Mentorship requests (docs/product.md#mentorship-requests): *Request a Session* and
 * *I want to mentor you!*, the mentor's *Decline* and the mentee's *Dismiss*, and the lists
 * of requests on both sides.
 */
export function requestsFeature(ctx: TeamsContext): Feature {
  const { core } = ctx;
  return {
    buttons: {
      [ActionVerb.declineRequest]: button(
        'Declining the request…',
        (turn) =>
          declineRequest(core, commandOf(turn, { requestId: textIn(turn.data, 'requestId') })),
        ({ request }) => requestCard(request, 'You declined this request. The mentee was told.'),
      ),
      [ActionVerb.dismissOffer]: button(
        'Dismissing the offer…',
        (turn) =>
          dismissOffer(core, commandOf(turn, { requestId: textIn(turn.data, 'requestId') })),
        ({ request }) => requestCard(request, 'You dismissed this offer.'),
      ),
    },

    shows: {
      [ShowVerb.myRequests]: showing(
        ({ person }) => myMentorshipRequests(core, { actor: { personId: person.id } }),
        ({ requests }) => myRequestsCard(requests),
      ),
      [ShowVerb.incomingRequests]: showing(
        ({ person }) => incomingRequests(core, { actor: { personId: person.id } }),
        ({ requests }) => incomingRequestsCard(requests),
      ),
    },

    dialogs: {
      [DialogVerb.requestSession]: {
        async fetch({ person, actor, data }) {
          const workspace = await core.workspaces.get(person.workspaceId);
          const off = workspace && requireFeature(workspace, 'menteeRequests');
          if (off) return off.message;
          const query = textIn(data, 'mentorQuery');
          const mentors = await findMentors(core, {
            actor,
            input: { limit: 100, ...(query ? { text: query } : {}) },
          });
          if (!mentors.ok) return mentors.error.message;
          const list = mentors.value.mentors;
          const mentorId =
            textIn(data, 'mentorId') || (list.length === 1 ? (list[0]?.mentor.id ?? '') : '');
          return requestSessionForm(list, { values: { mentorId }, errors: {} });
        },
        async submit({ context, actor, values, key }) {
          const result = await requestSession(core, {
            actor,
            input: { mentorId: values.mentorId ?? '', message: values.message ?? '' },
            idempotencyKey: key,
          });
          if (!result.ok) {
            const mentors = await findMentors(core, { actor, input: { limit: 100 } });
            const list = mentors.ok ? mentors.value.mentors : [];
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
                ? `${request.mentor.name} had offered to mentor you: that offer is now accepted.`
                : `Request sent to ${request.mentor.name}.`,
            ),
          );
          return undefined;
        },
      },

      [DialogVerb.sendOffer]: {
        async fetch({ person, data }) {
          const workspace = await core.workspaces.get(person.workspaceId);
          const off = workspace && requireFeature(workspace, 'mentorRequests');
          if (off) return off.message;
          return sendOfferForm(
            textIn(data, 'menteeId'),
            textIn(data, 'menteeName') || 'this mentee',
            { values: {}, errors: {} },
          );
        },
        async submit(turn) {
          const { actor, data, values, key } = turn;
          const menteeId = textIn(data, 'menteeId');
          const result = await sendMentorOffer(core, {
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
