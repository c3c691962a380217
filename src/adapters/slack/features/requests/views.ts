import type { MyRequestItem } from '../../../../core/requests/request.view.js';
import type { RequestView } from '../../../../core/views.js';
import { buttonsFor } from '../../buttons.js';
import {
  actions,
  type Block,
  context,
  esc,
  type Message,
  message,
  section,
  slackDate,
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
export function incomingRequestBlocks(r: RequestView): Block[] {
  const asked = r.likeSession
    ? `${who(r.mentee)} asks for another session like *${esc(r.likeSession.title)}*.`
    : `${who(r.mentee)} asked you for a mentoring session.`;
  return [
    section(`${asked}${messageOf(r)}`),
    context(`Sent ${slackDate(r.createdAt)} · ${STATUS[r.status]}`),
    ...actions(
      buttonsFor(r.actions, ['cloneForRequest', 'scheduleRequest', 'declineRequest'], (kind) =>
        kind === 'cloneForRequest' ? JSON.stringify({ r: r.id, s: r.likeSession?.id }) : r.id,
      ),
    ),
  ];
}

/** A mentor's "I want to mentor you!" as the mentee sees it. */
export function offerBlocks(r: RequestView, headline: string): Block[] {
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
    ...actions(
      buttonsFor(
        r.actions,
        ['viewMentorProfile', 'dismissOffer'],
        (kind) => (kind === 'viewMentorProfile' ? r.mentor.id : r.id),
        { viewMentorProfile: { text: 'View profile & book', style: 'primary' } },
      ),
    ),
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
    ...actions(
      buttonsFor(item.actions, ['viewMentorProfile', 'dismissOffer'], (kind) =>
        kind === 'viewMentorProfile' ? r.mentor.id : r.id,
      ),
    ),
  ];
}

// What replaces a request's message once its button did its work, so it cannot be pressed
// twice (docs/product.md#bad-input-and-faults), and the confirmations people read.

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
    ? `:white_check_mark: ${who(r.mentor)} had offered to mentor you: you accepted, and your request was sent to them. You will get a DM when they schedule it.`
    : `:white_check_mark: Your request was sent to ${who(r.mentor)}. You will get a DM when they answer.`;
