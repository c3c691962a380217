import type { PageInfo } from '../../../../core/paging.js';
import type { MySessions } from '../../../../core/sessions/index.js';
import { meetingAccessLine } from '../../../../core/sessions/meeting.js';
import { liveAndUpcoming } from '../../../../core/sessions/my-sessions.js';
import { formatRange } from '../../../../core/time.js';
import { type SessionCard, shortText } from '../../../../core/views.js';
import { plural } from '../../../../core/words.js';
import { buttonsFor } from '../../actions.js';
import { PageVerb, ShowVerb } from '../../ids.js';
import {
  type AdaptiveCard,
  actionSet,
  type CardAction,
  type CardElement,
  card,
  chipsText,
  container,
  facts,
  heading,
  submit,
  text,
} from '../../kit.js';
import { pagerElements } from '../../pager.js';

const STATUS: Record<SessionCard['status'], string> = {
  draft: 'Draft (not published yet)',
  published: 'Upcoming',
  live: 'Live now',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const PLATFORM: Record<string, string> = {
  bigbluebutton: 'BigBlueButton',
  gmeet: 'Google Meet',
  whatsapp: 'WhatsApp',
  zoom: 'Zoom',
};

export const sessionWhen = (s: SessionCard) => formatRange(s.start, s.end);

/** The session's facts: when (in the reader's zone), mentors, seats, tags. */
export function sessionBody(s: SessionCard, inList = false): CardElement[] {
  // In a list a long description is cut (a card holds at most 28 KB); *Read more* shows it all.
  const description = inList ? shortText(s.description) : { text: s.description, cut: false };
  return [
    heading(s.title),
    text(`${STATUS[s.status]} · ${s.type === 'private' ? 'Private' : 'Public'}`, {
      subtle: true,
      spacing: 'none',
    }),
    ...(s.imageUrl
      ? [{ type: 'Image', url: s.imageUrl, altText: s.title, size: 'medium' } as CardElement]
      : []),
    ...(description.text ? [text(description.text)] : []),
    ...(description.cut
      ? [
          {
            type: 'ActionSet',
            actions: [submit('Read more', ShowVerb.session, { sessionId: s.id })],
          } as CardElement,
        ]
      : []),
    facts([
      ['When', sessionWhen(s)],
      ['Mentors', s.mentors.map((m) => m.name).join(', ') || '-'],
      ['Mentees', `${s.menteeCount} of ${plural(s.seatLimit, 'seat')} taken (${s.seatsLeft} left)`],
      chipsText(s.recommendedFor) !== '' && ['Recommended for', chipsText(s.recommendedFor)],
      chipsText(s.categories) !== '' && ['Categories', chipsText(s.categories)],
      chipsText(s.medium) !== '' && ['Medium', chipsText(s.medium)],
      s.meetingPlatform !== undefined && [
        'Meeting',
        meetingAccessLine(s) ?? PLATFORM[s.meetingPlatform] ?? s.meetingPlatform,
      ],
      s.viewerRole !== 'none' && ['You', s.viewerRole],
    ]),
  ];
}

/**
 * Exactly the buttons the view model allows, in two rows (a card or ActionSet holds at most
 * five): joining and enrolling first, then the manager's buttons.
 */
export function sessionButtons(s: SessionCard): {
  primary: CardAction[];
  manage: CardAction[];
  image: CardAction[];
} {
  const target = { sessionId: s.id, joinUrl: s.joinUrl, mentorId: s.mentors[0]?.id };
  const hasImage = s.imageUrl !== undefined || s.imageSlackFile !== undefined;
  return {
    primary: buttonsFor(s.actions, ['join', 'enrol', 'publish', 'requestAnother'], target),
    manage: buttonsFor(
      s.actions,
      ['editSession', 'editMeeting', 'viewMentees', 'cloneSession', 'deleteSession'],
      target,
    ),
    image: buttonsFor(s.actions, ['addImage', 'removeImage'], target, {
      addImage: hasImage ? 'Replace image' : 'Add image',
    }),
  };
}

/** The session's buttons as body elements (rows of at most five). */
export function sessionActionRows(s: SessionCard): CardElement[] {
  const { primary, manage, image } = sessionButtons(s);
  return [actionSet(primary), actionSet(manage), actionSet(image)].filter(
    (e): e is CardElement => e !== undefined,
  );
}

/** One session as a card of its own, with an optional line above it. */
export function sessionCard(s: SessionCard, intro?: string): AdaptiveCard {
  return card(`${intro ? `${intro} ` : ''}${s.title}, ${sessionWhen(s)}`, [
    intro ? text(intro, { weight: 'bolder' }) : undefined,
    ...sessionBody(s),
    ...sessionActionRows(s),
  ]);
}

/** A session inside a list: its facts and buttons in a separated container. */
export function sessionItem(s: SessionCard): CardElement {
  return container([...sessionBody(s, true), ...sessionActionRows(s)], true);
}

/**
 * *My mentoring sessions*: a page of live, then upcoming sessions (drafts among them) and a
 * page of completed ones, each with its true count and *Previous* / *Next 5*.
 */
export function mySessionsCard(s: MySessions): AdaptiveCard {
  const { counts, pages } = s;
  const pager = (page: PageInfo, moved: 'offset' | 'completedOffset') =>
    pagerElements(page, PageVerb.mySessions, (at) => ({
      offset: pages.current.offset,
      completedOffset: pages.past.offset,
      [moved]: at,
    }));
  const section = (title: string, list: readonly SessionCard[]) =>
    list.length === 0 ? [] : [text(title, { weight: 'bolder' }), ...list.map(sessionItem)];
  const current = liveAndUpcoming(counts);
  return card(
    `My mentoring sessions: ${current}, ${counts.completed} completed`,
    [
      heading('My mentoring sessions'),
      text(`Live and upcoming: ${current}`, { size: 'medium', weight: 'bolder' }),
      counts.live + counts.upcoming === 0
        ? text('No upcoming sessions.', { subtle: true })
        : undefined,
      ...section('Live now', s.live),
      ...section('Upcoming', s.upcoming),
      ...pager(pages.current, 'offset'),
      text(`Completed: ${counts.completed}`, { size: 'medium', weight: 'bolder' }),
      counts.completed === 0 ? text('No completed sessions yet.', { subtle: true }) : undefined,
      ...s.completed.map(sessionItem),
      ...pager(pages.past, 'completedOffset'),
    ],
    buttonsFor(s.actions, ['createSession'], {}),
  );
}
