import type {
  MenteeSearchResult,
  MentorListItem,
  MentorProfileView,
  MyProfileView,
} from '../../../../core/people/profile.views.js';
import { plural } from '../../../../core/words.js';
import { slotText } from '../../../forms/index.js';
import { buttonsFor } from '../../buttons.js';
import {
  actions,
  type Block,
  chips,
  context,
  divider,
  esc,
  header,
  type Message,
  message,
  section,
  when,
  who,
} from '../../kit.js';
import { sessionBlocks } from '../sessions/views.js';

const MAX_ROWS = 15;

/** "Find a mentor": each mentor with *View profile* and *Request a Session*. */
export function mentorList(mentors: readonly MentorListItem[]): Message {
  if (mentors.length === 0) {
    return message('No mentors found', [section('No mentors match that search yet.')]);
  }
  const rows = mentors.slice(0, MAX_ROWS).flatMap((m): Block[] => [
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
  const more =
    mentors.length > MAX_ROWS
      ? [context(`${mentors.length - MAX_ROWS} more: narrow the search.`)]
      : [];
  return message(`${mentors.length} mentors`, [header('Mentors'), ...rows, ...more]);
}

/**
 * Mentee search (docs/product.md#mentee-profile-and-search): each result with *I want to mentor
 * you!* when the core allows it.
 */
export function menteeResults(results: readonly MenteeSearchResult[]): Message {
  if (results.length === 0) {
    return message('No mentees found', [
      section('Nobody matching that search is looking for a mentor right now.'),
    ]);
  }
  const rows = results.slice(0, MAX_ROWS).map((r): Block => {
    const text = `${who(r.mentee)}${chips(r.interests) ? `\n${chips(r.interests)}` : ''}`;
    return section(text, buttonsFor(r.actions, ['offerMentoring'], r.mentee.id)[0]);
  });
  return message(`${plural(results.length, 'mentee')} looking for a mentor`, [
    header('Mentees looking for a mentor'),
    ...rows,
  ]);
}

const SLOTS_SHOWN = 12;

/**
 * A mentor's profile (docs/product.md#mentor-profile) with upcoming sessions, bookable slots
 * and *Request a Session*.
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
          : 'This mentor offered to mentor you. Booking or requesting a session accepts the offer.',
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
  blocks.push(divider(), section(`*Free times* (next 14 days, in your zone)`));
  if (p.slots.length === 0) blocks.push(context('No free times right now.'));
  for (const slot of p.slots.slice(0, SLOTS_SHOWN)) {
    blocks.push(
      section(
        when(slot.start, slot.end),
        buttonsFor(
          p.actions,
          ['bookSlot'],
          JSON.stringify({ m: p.mentor.id, s: slot.startsAt }),
        )[0],
      ),
    );
  }
  if (p.slots.length > SLOTS_SHOWN)
    blocks.push(context(`${p.slots.length - SLOTS_SHOWN} more free times later on.`));
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
    lines.push(`*Availability (${esc(p.timeZone)}):* ${slots.join(', ') || '_none_'}`);
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
