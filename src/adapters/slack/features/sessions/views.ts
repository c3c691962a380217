import type { ActionKind } from '../../../../core/actions.js';
import type { SessionCard } from '../../../../core/views.js';
import { Action } from '../../ids.js';
import {
  actions,
  type Block,
  type Button,
  button,
  chips,
  context,
  esc,
  type Message,
  message,
  section,
  when,
  who,
} from '../../kit.js';

const STATUS: Record<SessionCard['status'], string> = {
  draft: 'Draft',
  published: 'Upcoming',
  live: ':red_circle: Live',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** The buttons the core allowed this reader (`card.actions`), in a fixed order. */
function sessionButtons(card: SessionCard): Button[] {
  const a = (kind: ActionKind) => card.actions.includes(kind);
  const out: Button[] = [];
  if (a('join') && card.joinUrl)
    out.push(button('Join', Action.join, card.id, { url: card.joinUrl, style: 'primary' }));
  if (a('enrol')) out.push(button('Enroll', Action.enrol, card.id, { style: 'primary' }));
  if (a('editSession')) out.push(button('Edit', Action.edit, card.id));
  else if (a('editMeeting')) out.push(button('Edit meeting link', Action.editMeeting, card.id));
  if (a('viewMentees')) out.push(button('View list', Action.viewMentees, card.id));
  if (a('cloneSession')) out.push(button('Clone', Action.clone, card.id));
  if (a('deleteSession')) out.push(button('Delete', Action.delete, card.id, { style: 'danger' }));
  return out;
}

/** One line of facts: status, mentors, seats, mentee count. */
function sessionFacts(card: SessionCard): string {
  const mentors = card.mentors.map(who).join(', ');
  const seats =
    card.seatsLeft > 0 ? `${card.seatsLeft} of ${card.seatLimit} seats free` : 'Session seats full';
  return `${STATUS[card.status]} · ${card.type === 'private' ? 'Private' : 'Public'} · with ${mentors} · ${card.menteeCount} mentees · ${seats}`;
}

/** A session with its time in the reader's zone, chips and the allowed buttons (3-4 blocks). */
export function sessionBlocks(card: SessionCard, opts: { compact?: boolean } = {}): Block[] {
  const title = `*${esc(card.title)}*\n:calendar: ${when(card.start, card.end)}`;
  const description =
    !opts.compact && card.description ? `\n${esc(card.description).slice(0, 600)}` : '';
  const tags = [chips(card.recommendedFor), chips(card.categories), chips(card.medium)]
    .filter(Boolean)
    .join(' · ');
  const imageAccessory =
    card.imageUrl && !opts.compact
      ? { type: 'image' as const, image_url: card.imageUrl, alt_text: card.title.slice(0, 100) }
      : undefined;
  return [
    section(`${title}${description}`, imageAccessory),
    context(sessionFacts(card) + (tags ? ` · ${tags}` : '')),
    ...actions(sessionButtons(card), `session:${card.id}`),
  ];
}

/** Fallback text of a session: the title and its time, zone named. */
export const sessionText = (card: SessionCard) => `${card.title}, ${when(card.start, card.end)}`;

/**
 * What replaces a message after its button did its work, so the same button cannot be
 * pressed twice (docs/product.md#bad-input-and-faults): a confirmation line above the session as it is now.
 */
const withSession = (fallback: string, headline: string, card: SessionCard): Message =>
  message(`${fallback} ${sessionText(card)}`, [section(headline), ...sessionBlocks(card)]);

export const enrolledMessage = (card: SessionCard) =>
  withSession("You're enrolled in", ':white_check_mark: You are enrolled.', card);

export const publishedMessage = (card: SessionCard) =>
  withSession(
    'Published',
    ':white_check_mark: Your session is published; invited mentees have been told.',
    card,
  );

export const savedMessage = (card: SessionCard) =>
  withSession('Saved', ':white_check_mark: Saved.', card);

export const clonedMessage = (card: SessionCard) =>
  withSession('Booked the next one:', ':repeat: The next session is booked.', card);

export const bookedMessage = (card: SessionCard) =>
  withSession('Booked', ':white_check_mark: Booked! The mentor has been told.', card);

export const deletedMessage = (title: string): Message =>
  message(`Deleted ${title}`, [
    section(`:wastebasket: *${esc(title)}* was deleted; its mentees have been told.`),
  ]);
