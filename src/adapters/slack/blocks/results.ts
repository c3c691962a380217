import type { RequestView, SessionCard } from '../../../core/views.js';
import { who } from './format.js';
import { esc, type Message, message, section } from './kit.js';
import { sessionBlocks, sessionText } from './session.js';

/**
 * What replaces a message after its button did its work, so the same button cannot be
 * pressed twice (docs/product.md#bad-input-and-faults), and the confirmations people read.
 */

export const enrolledMessage = (card: SessionCard): Message =>
  message(`You're enrolled in ${sessionText(card)}`, [
    section(':white_check_mark: You are enrolled.'),
    ...sessionBlocks(card),
  ]);

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

export const publishedMessage = (card: SessionCard): Message =>
  message(`Published ${sessionText(card)}`, [
    section(':white_check_mark: Your session is published; invited mentees have been told.'),
    ...sessionBlocks(card),
  ]);

export const savedMessage = (card: SessionCard): Message =>
  message(`Saved ${sessionText(card)}`, [
    section(':white_check_mark: Saved.'),
    ...sessionBlocks(card),
  ]);

export const deletedMessage = (title: string): Message =>
  message(`Deleted ${title}`, [
    section(`:wastebasket: *${esc(title)}* was deleted; its mentees have been told.`),
  ]);

export const clonedMessage = (card: SessionCard): Message =>
  message(`Booked the next one: ${sessionText(card)}`, [
    section(':repeat: The next session is booked.'),
    ...sessionBlocks(card),
  ]);

export const bookedMessage = (card: SessionCard): Message =>
  message(`Booked ${sessionText(card)}`, [
    section(':white_check_mark: Booked! The mentor has been told.'),
    ...sessionBlocks(card),
  ]);
