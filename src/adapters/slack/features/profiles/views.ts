import type { FreeTimesTurn } from '../../../../core/booking/free-times.js';
import { slotMinutesOf } from '../../../../core/booking/slots.js';
import type { MentorPage } from '../../../../core/people/find-mentors.js';
import type { MentorProfileView, MyProfileView } from '../../../../core/people/profile.views.js';
import type { MenteeSearchView } from '../../../../core/people/search-mentees.js';
import { clockOf } from '../../../../core/time.js';
import { durationText, plural } from '../../../../core/words.js';
import { slotText } from '../../../forms/index.js';
import { buttonsFor } from '../../buttons.js';
import { Action, bookSlotAction } from '../../ids.js';
import {
  actions,
  type Block,
  type Button,
  button,
  chips,
  context,
  divider,
  esc,
  header,
  type Message,
  message,
  section,
  who,
} from '../../kit.js';
import { pagerBlocks } from '../../pager.js';
import { sessionBlocks } from '../sessions/views.js';

const MAX_ROWS = 15;

/**
 * "Find a mentor" (docs/product.md#lists): a page of mentors, each with *View profile* and
 * *Request a Session*, the true count, *Previous* / *Next*, and what to type to narrow it.
 */
export function mentorList(found: MentorPage): Message {
  const { mentors, page, text } = found;
  if (page.total === 0) {
    return message('No mentors found', [
      section(
        text
          ? `No mentors match "${esc(text)}". Try another word, or \`/find-mentor\` for everyone.`
          : 'No mentors yet.',
      ),
    ]);
  }
  const rows = mentors.flatMap((m): Block[] => [
    section(
      `${who(m.mentor)}${m.headline ? ` · ${esc(m.headline)}` : ''}${chips(m.expertise) ? `\n${chips(m.expertise)}` : ''}`,
    ),
    ...actions(
      buttonsFor(m.actions, ['viewMentorProfile', 'requestSession'], m.mentor.id, {
        viewMentorProfile: { text: m.hasAvailability ? 'View profile & book' : 'View profile' },
        requestSession: { style: undefined },
      }),
    ),
  ]);
  const title = text ? `Mentors matching "${text}"` : 'Mentors';
  const narrow =
    page.total > page.size
      ? [
          context(
            `${plural(page.total, 'mentor')}. To narrow them, type \`/find-mentor\` and a name or skill, like \`/find-mentor python\`.`,
          ),
        ]
      : [];
  const pager = pagerBlocks(
    page,
    { next: Action.findMentorNext, previous: Action.findMentorPrevious },
    (offset) => JSON.stringify({ ...(text ? { text } : {}), offset }),
  );
  return message(`${plural(page.total, 'mentor')}`, [header(title), ...narrow, ...rows, ...pager]);
}

/**
 * Mentee search (docs/product.md#mentee-profile-and-search): each result with *I want to mentor
 * you!* when the core allows it; with mentor requests off, the core's sentence saying so.
 */
export function menteeResults({ results, notice }: MenteeSearchView): Message {
  const off = notice ? [section(`:no_entry_sign: ${esc(notice)}`)] : [];
  if (results.length === 0) {
    return message(notice ?? 'No mentees found', [
      ...off,
      section('Nobody matching that search is looking for a mentor right now.'),
    ]);
  }
  const rows = results.slice(0, MAX_ROWS).map((r): Block => {
    const open = r.openRequest ? '\n_You already have an open request with them._' : '';
    const text = `${who(r.mentee)}${chips(r.interests) ? `\n${chips(r.interests)}` : ''}${open}`;
    return section(text, buttonsFor(r.actions, ['offerMentoring'], r.mentee.id)[0]);
  });
  return message(`${plural(results.length, 'mentee')} looking for a mentor`, [
    header('Mentees looking for a mentor'),
    ...off,
    ...rows,
  ]);
}

/**
 * One page of a mentor's free times (docs/product.md#booking): a heading per day with its
 * times as *Book* buttons (rows of at most 25, Slack's limit), the page's and the window's
 * counts, and *‹ Previous week* / *Next week ›*. On their own profile a mentor sees the times
 * without buttons.
 */
export function freeTimesBlocks(p: MentorProfileView): Block[] {
  const f = p.freeTimes;
  const m = p.mentor.id;
  const canBook = p.actions.includes('bookSlot');
  const blocks: Block[] = [
    divider(),
    section(
      `*Free times* · ${durationText(f.slotMinutes)} each, in your zone (${esc(f.timeZone)})`,
    ),
    context(esc(f.summary)),
  ];
  if (f.days.length === 0)
    blocks.push(
      context(f.unit === 'week' ? 'No free times this week.' : 'No free times this day.'),
    );
  for (const day of f.days) {
    blocks.push(section(`*${esc(day.heading)}* · ${plural(day.slots.length, 'free time')}`));
    if (!canBook) {
      blocks.push(context(day.slots.map((slot) => clockOf(slot.start)).join(' · ')));
      continue;
    }
    for (let row = 0; row < day.slots.length; row += 25) {
      const elements = day.slots
        .slice(row, row + 25)
        .map((slot, n) =>
          button(
            clockOf(slot.start),
            bookSlotAction(n),
            JSON.stringify({ m, s: slot.startsAt, p: f.page, u: f.unit }),
          ),
        );
      blocks.push({ type: 'actions', elements });
    }
  }
  const turns = [
    f.previous && button(f.previous.label, Action.freeTimesPrevious, pageValue(m, f.previous)),
    f.next &&
      button(f.next.label, Action.freeTimesNext, pageValue(m, f.next), { style: 'primary' }),
  ].filter((b): b is Button => b !== undefined);
  if (turns.length > 0) blocks.push({ type: 'actions', elements: turns });
  return blocks;
}

/** What a free-times page button carries: the mentor and the page it leads to. */
const pageValue = (m: string, turn: FreeTimesTurn) =>
  JSON.stringify({ m, p: turn.offset, u: turn.unit });

/**
 * A mentor's profile (docs/product.md#mentor-profile) with upcoming sessions, a page of free
 * times to book and *Request a Session*.
 */
export function mentorProfileBlocks(p: MentorProfileView): Block[] {
  const blocks: Block[] = [
    section(
      `${who(p.mentor)}${p.headline ? `\n*${esc(p.headline)}*` : ''}${p.bio ? `\n${esc(p.bio).slice(0, 1500)}` : ''}`,
    ),
  ];
  if (chips(p.expertise)) blocks.push(context(`Expertise: ${chips(p.expertise)}`));
  if (p.pendingRequest) {
    blocks.push(
      context(
        p.pendingRequest.kind === 'menteeToMentor'
          ? 'You already asked this mentor for a session; the request is pending.'
          : p.actions.includes('requestSession')
            ? 'This mentor offered to mentor you. Booking or requesting a session accepts the offer.'
            : 'This mentor offered to mentor you. Booking a time accepts the offer.',
      ),
    );
  }
  blocks.push(
    ...actions(
      buttonsFor(p.actions, ['requestSession'], p.mentor.id, {
        requestSession: { style: 'primary' },
      }),
    ),
  );
  if (p.upcomingSessions.length > 0) {
    blocks.push(divider(), section('*Upcoming sessions*'));
    for (const card of p.upcomingSessions.slice(0, 5))
      blocks.push(...sessionBlocks(card, { compact: true }));
  }
  blocks.push(...freeTimesBlocks(p));
  return blocks;
}

/** The person's own profile, for the App Home. */
export function myProfileBlocks(p: MyProfileView): Block[] {
  const mentor = p.mentorProfile;
  const lines = [
    `*Roles:* ${p.roles.join(', ')} · *Time zone:* ${esc(p.timeZone)}`,
    `*Interests:* ${p.menteeProfile.interests.map(esc).join(', ') || '_none yet_'}${p.menteeProfile.lookingForMentor ? ' · looking for a mentor' : ''}`,
  ];
  if (mentor) {
    lines.push(`*Mentor headline:* ${esc(mentor.headline)}`);
    const slots = mentor.availability.map(slotText);
    lines.push(
      `*Availability (${esc(p.timeZone)}):* ${slots.join(', ') || '_none_'} · booked sessions last ${durationText(slotMinutesOf(mentor))}`,
    );
  }
  return [
    section(lines.join('\n')),
    ...actions(
      buttonsFor(p.actions, ['editMenteeProfile', 'editMentorProfile'], undefined, {
        editMentorProfile: {
          text: mentor ? 'Edit mentor profile & availability' : 'Become a mentor',
        },
      }),
    ),
  ];
}
