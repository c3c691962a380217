import type { ActionKind } from '../../../../core/actions.js';
import type { PageInfo } from '../../../../core/paging.js';
import type { IncomingRequestItem, MyRequestItem } from '../../../../core/requests/request.view.js';
import { formatTime } from '../../../../core/time.js';
import type { RequestView } from '../../../../core/views.js';
import { buttonsFor } from '../../actions.js';
import { PageVerb } from '../../ids.js';
import {
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  card,
  container,
  facts,
  heading,
  text,
} from '../../kit.js';
import { pagerElements } from '../../pager.js';

const STATUS: Record<RequestView['status'], string> = {
  pending: 'Waiting for an answer',
  scheduled: 'Session scheduled',
  accepted: 'Accepted',
  declined: 'Declined',
  dismissed: 'Dismissed',
  expired: 'Expired',
};

/** Who asked whom, the note, the status, and until when it stays open. */
const requestTitle = (r: RequestView) =>
  r.kind === 'menteeToMentor'
    ? r.likeSession
      ? `${r.mentee.name} asked ${r.mentor.name} for another session like ${r.likeSession.title}`
      : `${r.mentee.name} asked ${r.mentor.name} for a session`
    : `${r.mentor.name} wants to mentor ${r.mentee.name}`;

export function requestBody(r: RequestView): CardElement[] {
  return [
    text(requestTitle(r), { weight: 'bolder' }),
    ...(r.message ? [text(`"${r.message}"`, { subtle: false })] : []),
    facts([
      ['Status', STATUS[r.status]],
      ['Sent', formatTime(r.createdAt)],
      r.status === 'pending' && ['Open until', formatTime(r.expiresAt)],
    ]),
  ];
}

/** The mentor's buttons on a mentee's request: *Schedule session* and *Decline*. */
export const incomingActions = (r: RequestView, allowed: readonly ActionKind[] = r.actions) =>
  buttonsFor(allowed, ['cloneForRequest', 'scheduleRequest', 'declineRequest'], {
    requestId: r.id,
    ...(r.likeSession ? { sessionId: r.likeSession.id } : {}),
  });

/** The mentee's buttons on a mentor's offer: *View profile* (to book or request) and *Dismiss*. */
export const offerActions = (r: RequestView, allowed: readonly ActionKind[] = r.actions) =>
  buttonsFor(allowed, ['viewMentorProfile', 'dismissOffer'], {
    requestId: r.id,
    mentorId: r.mentor.id,
  });

/** A request as a card of its own, with no buttons (after an answer). */
export const requestCard = (r: RequestView, intro?: string, actions: CardAction[] = []) =>
  card(intro ?? requestTitle(r), [intro ? heading(intro) : undefined, ...requestBody(r)], actions);

/** The mentor's inbox: mentees' requests, the pending ones with their buttons. */
export function incomingRequestsCard(
  items: readonly IncomingRequestItem[],
  page?: PageInfo,
): AdaptiveCard {
  const title = `Session requests for you${page ? ` (${page.total})` : ''}`;
  return card(title, [
    heading(title),
    items.length === 0 ? text('No requests are waiting for you.') : undefined,
    ...items.map((item) => {
      const actions = incomingActions(item.request, item.actions);
      return container(
        [
          ...requestBody(item.request),
          actions.length > 0 ? { type: 'ActionSet', actions } : undefined,
        ],
        true,
      );
    }),
    ...(page ? pagerElements(page, PageVerb.incomingRequests, (offset) => ({ offset })) : []),
  ]);
}

/** *My mentorship requests* (mentees only): their requests and mentors' offers. */
export function myRequestsCard(items: readonly MyRequestItem[], page?: PageInfo): AdaptiveCard {
  const title = `My mentorship requests${page ? ` (${page.total})` : ''}`;
  return card(title, [
    heading(title),
    items.length === 0 ? text('You have no mentorship requests yet.') : undefined,
    ...items.map((item) => {
      const actions =
        item.request.kind === 'mentorToMentee'
          ? offerActions(item.request, item.actions)
          : buttonsFor(item.actions, ['viewMentorProfile'], { mentorId: item.request.mentor.id });
      return container(
        [
          ...requestBody(item.request),
          actions.length > 0 ? { type: 'ActionSet', actions } : undefined,
        ],
        true,
      );
    }),
    ...(page ? pagerElements(page, PageVerb.myRequests, (offset) => ({ offset })) : []),
  ]);
}
