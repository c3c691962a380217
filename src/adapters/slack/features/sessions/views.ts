import type { types } from '@slack/bolt';
import type { ActionKind } from '../../../../core/actions.js';
import { meetingAccessLine } from '../../../../core/sessions/meeting.js';
import { liveAndUpcoming, type MySessions } from '../../../../core/sessions/my-sessions.js';
import { type SessionCard, shortText } from '../../../../core/views.js';
import { plural } from '../../../../core/words.js';
import { buttonsFor } from '../../buttons.js';
import { Action } from '../../ids.js';
import {
  actions,
  type Block,
  type Button,
  button,
  chips,
  context,
  esc,
  header,
  type Message,
  message,
  section,
  when,
  who,
} from '../../kit.js';
import { pagerBlocks } from '../../pager.js';

const STATUS: Record<SessionCard['status'], string> = {
  draft: 'Draft',
  published: 'Upcoming',
  live: ':red_circle: Live',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const SESSION_BUTTONS: readonly ActionKind[] = [
  'join',
  'enrol',
  'requestAnother',
  'editSession',
  'editMeeting',
  'removeImage',
  'viewMentees',
  'cloneSession',
  'deleteSession',
];

/**
 * The buttons the core allowed this reader (`card.actions`), in a fixed order. *Edit* leads
 * to the meeting link too, so *Edit meeting link* shows only where *Edit* does not.
 */
function sessionButtons(card: SessionCard): Button[] {
  const shown = card.actions.includes('editSession')
    ? card.actions.filter((k) => k !== 'editMeeting')
    : card.actions;
  return buttonsFor(
    card.joinUrl ? shown : shown.filter((k) => k !== 'join'),
    SESSION_BUTTONS,
    (kind) => (kind === 'requestAnother' ? anotherLike(card) : card.id),
    card.joinUrl ? { join: { url: card.joinUrl } } : {},
  );
}

/** *Request another session*'s value: the session's (first) mentor and the session itself. */
export const anotherLike = (card: SessionCard) =>
  JSON.stringify({ m: card.mentors[0]?.id ?? '', s: card.id });

/**
 * The session's image as a Block Kit image element: a Slack file by its id (`slack_file`,
 * docs/product.md#session-image: nobody needs a public link), or a link.
 */
function imageOf(card: SessionCard): types.ImageElement | undefined {
  const alt_text = card.title.slice(0, 100);
  if (card.imageSlackFile)
    return { type: 'image', slack_file: { id: card.imageSlackFile }, alt_text };
  if (card.imageUrl) return { type: 'image', image_url: card.imageUrl, alt_text };
  return undefined;
}

/** One line of facts: status, mentors, seats, mentee count. */
function sessionFacts(card: SessionCard): string {
  const mentors = card.mentors.map(who).join(', ');
  const seats =
    card.seatsLeft > 0
      ? `${card.seatsLeft} of ${plural(card.seatLimit, 'seat')} free`
      : 'Session seats full';
  return `${STATUS[card.status]} · ${card.type === 'private' ? 'Private' : 'Public'} · with ${mentors} · ${plural(card.menteeCount, 'mentee')} · ${seats}`;
}

/** How a participant gets in besides *Join*: Zoom's meeting id and passcode. */
export function meetingContext(card: SessionCard): Block[] {
  const line = meetingAccessLine(card);
  return line ? [context(esc(line))] : [];
}

/**
 * A session with its time in the reader's zone, chips and the allowed buttons (3 blocks in a
 * list, 3-4 alone). A session alone shows its whole description (2,000 characters fit a
 * section's 3,000); in a list its first 280 characters, cut at a word with "…", and *Read
 * more* beside its buttons shows the session alone (docs/product.md#lists).
 */
export function sessionBlocks(card: SessionCard, opts: { compact?: boolean } = {}): Block[] {
  const title = `*${esc(card.title)}*\n:calendar: ${when(card.start, card.end)}`;
  const shown = opts.compact ? shortText(card.description) : { text: card.description, cut: false };
  const description = shown.text ? `\n${esc(shown.text)}` : '';
  const tags = [chips(card.recommendedFor), chips(card.categories), chips(card.medium)]
    .filter(Boolean)
    .join(' · ');
  const imageAccessory = opts.compact ? undefined : imageOf(card);
  const facts = sessionFacts(card) + (tags ? ` · ${tags}` : '');
  // In a list the way in shares the facts' line, so a page of sessions stays in few blocks.
  const access = meetingAccessLine(card);
  return [
    section(`${title}${description}`, imageAccessory),
    ...(opts.compact && access
      ? [context(`${facts}\n${esc(access)}`)]
      : [context(facts), ...meetingContext(card)]),
    ...actions(
      [
        ...sessionButtons(card),
        ...(shown.cut ? [button('Read more', Action.readMore, card.id)] : []),
      ],
      `session:${card.id}`,
    ),
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

export const imageRemovedMessage = (card: SessionCard) =>
  withSession('Image removed from', ':white_check_mark: The image is removed.', card);

export const deletedMessage = (title: string): Message =>
  message(`Deleted ${title}`, [
    section(`:wastebasket: *${esc(title)}* was deleted; its mentees have been told.`),
  ]);

/**
 * `/my-sessions` (docs/product.md#app-home): a page of live, then upcoming sessions and a page
 * of completed ones, each with the true count and *Previous* / *Next 5*. Within Slack's 50
 * blocks a message: two pages of 5 sessions of 3 blocks, two headers, two pagers.
 */
export function mySessionsMessage(s: MySessions): Message | string {
  const { counts, pages } = s;
  if (counts.live + counts.upcoming + counts.completed === 0) {
    return 'You have no sessions yet. Find a mentor with `/find-mentor`.';
  }
  const pager = (page: typeof pages.current, moved: 'offset' | 'completedOffset') =>
    pagerBlocks(page, { next: Action.mySessionsNext, previous: Action.mySessionsPrevious }, (at) =>
      JSON.stringify({
        offset: pages.current.offset,
        completedOffset: pages.past.offset,
        [moved]: at,
      }),
    );
  const list = (cards: readonly SessionCard[]) =>
    cards.flatMap((c) => sessionBlocks(c, { compact: true }));
  const current = liveAndUpcoming(counts);
  return message(`My sessions: ${current}, ${counts.completed} completed`, [
    header(`Live and upcoming: ${current}`),
    ...(counts.live + counts.upcoming === 0 ? [context('Nothing scheduled.')] : []),
    ...list(s.live),
    ...list(s.upcoming),
    ...pager(pages.current, 'offset'),
    ...(counts.completed > 0
      ? [
          header(`Completed: ${counts.completed}`),
          ...list(s.completed),
          ...pager(pages.past, 'completedOffset'),
        ]
      : []),
  ]);
}
