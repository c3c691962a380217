import type { IncomingRequestItem, MyRequestItem } from '../../../../core/requests/request.view.js';
import type { RequestView } from '../../../../core/views.js';
import { Action } from '../../ids.js';
import {
  actions,
  type Block,
  button,
  context,
  esc,
  type Message,
  message,
  section,
  slackDate,
  slackUserOf,
  who,
} from '../../kit.js';

const STATUS: Record<RequestView['status'], string> = {
  pending: 'Pending',
  scheduled: 'Scheduled',
  accepted: 'Accepted',
  declined: 'Declined',
  dismissed: 'Dismissed',
  expired: 'Expired',
};

const quote = (text: string) =>
  esc(text)
    .split('\n')
    .map((l) => `>${l}`)
    .join('\n');

const messageOf = (r: RequestView) => (r.message ? `\n${quote(r.message)}` : '');

/** A mentee's request as the mentor sees it, with *Schedule session* and *Decline*. */
export function incomingRequestBlocks(
  r: RequestView,
  allowed: { schedule: boolean; decline: boolean },
): Block[] {
  return [
    section(`${who(r.mentee)} asked you for a mentoring session.${messageOf(r)}`),
    context(`Sent ${slackDate(r.createdAt)} · ${STATUS[r.status]}`),
    ...actions([
      ...(allowed.schedule
        ? [
            button(
              'Schedule session',
              Action.scheduleRequest,
              JSON.stringify({ r: r.id, u: slackUserOf(r.mentee.id) }),
              {
                style: 'primary',
              },
            ),
          ]
        : []),
      ...(allowed.decline
        ? [button('Decline', Action.declineRequest, JSON.stringify({ r: r.id }))]
        : []),
    ]),
  ];
}

/** A mentor's "I want to mentor you!" as the mentee sees it. */
export function offerBlocks(
  r: RequestView,
  headline: string,
  allowed: { dismiss: boolean },
): Block[] {
  const pending = r.status === 'pending';
  return [
    section(
      `${who(r.mentor)} wants to mentor you!${headline ? ` _${esc(headline)}_` : ''}${messageOf(r)}`,
    ),
    context(
      pending
        ? `Open their profile to book a time or request a session; that accepts the offer. It expires ${slackDate(r.expiresAt, '{date_short_pretty}')}.`
        : STATUS[r.status],
    ),
    ...actions([
      button('View profile & book', Action.viewMentorProfile, r.mentor.id, { style: 'primary' }),
      ...(allowed.dismiss ? [button('Dismiss', Action.dismissOffer, r.id)] : []),
    ]),
  ];
}

/** One line of *My mentorship requests*. */
export function myRequestBlocks(item: MyRequestItem): Block[] {
  const r = item.request;
  const line =
    r.kind === 'mentorToMentee'
      ? `${who(r.mentor)} offered to mentor you`
      : `You asked ${who(r.mentor)} for a session`;
  return [
    section(`${line} · *${STATUS[r.status]}*${messageOf(r)}`),
    ...actions([
      ...(item.actions.includes('viewMentorProfile')
        ? [button('View profile', Action.viewMentorProfile, r.mentor.id)]
        : []),
      ...(item.actions.includes('dismissOffer')
        ? [button('Dismiss', Action.dismissOffer, r.id)]
        : []),
    ]),
  ];
}

export const incomingItemBlocks = (item: IncomingRequestItem) =>
  incomingRequestBlocks(item.request, {
    schedule: item.actions.includes('scheduleRequest'),
    decline: item.actions.includes('declineRequest'),
  });

// What replaces a request's message once its button did its work (docs/product.md#bad-input-and-faults), and confirmations.

export const declinedMessage = (r: RequestView): Message =>
  message(`You declined ${r.mentee.name}'s request`, [
    section(`You declined ${who(r.mentee)}'s request. They have been told.`),
  ]);

export const dismissedMessage = (r: RequestView): Message =>
  message(`You dismissed ${r.mentor.name}'s offer`, [
    section(`You dismissed ${who(r.mentor)}'s offer to mentor you.`),
  ]);

export const offerSentMessage = (r: RequestView): Message =>
  message(`You offered to mentor ${r.mentee.name}`, [
    section(
      `:white_check_mark: You offered to mentor ${who(r.mentee)}. They will find it in their DMs and under My mentorship requests.`,
    ),
  ]);

export const requestSentText = (r: RequestView, outcome: 'requested' | 'offerAccepted') =>
  outcome === 'offerAccepted'
    ? `${who(r.mentor)} had already offered to mentor you, so you accepted their offer. They have been told.`
    : `:white_check_mark: Your request was sent to ${who(r.mentor)}. You will get a DM when they answer.`;
