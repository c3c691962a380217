import type { SlotView } from '../../../../core/booking/slots.js';
import { slotMinutesOf } from '../../../../core/booking/slots.js';
import { weekdayName } from '../../../../core/people/availability.js';
import type { MentorPage } from '../../../../core/people/find-mentors.js';
import type { MentorProfileView, MyProfileView } from '../../../../core/people/profile.views.js';
import type { MenteeSearchView } from '../../../../core/people/search-mentees.js';
import { clockOf } from '../../../../core/time.js';
import type { SessionCard } from '../../../../core/views.js';
import { durationText, plural } from '../../../../core/words.js';
import { buttonsFor } from '../../actions.js';
import { DialogVerb, PageVerb } from '../../ids.js';
import {
  type AdaptiveCard,
  actionSet,
  type CardElement,
  card,
  chipsText,
  choiceSet,
  container,
  execute,
  facts,
  heading,
  openDialog,
  text,
} from '../../kit.js';
import { pagerElements } from '../../pager.js';
import { sessionItem } from '../sessions/cards.js';

/**
 * One page of a mentor's free times (docs/product.md#booking): the page's and the window's
 * counts, a heading per day with its times to choose from and *Book*, and *‹ Previous week* /
 * *Next week ›*, which turn the card in place. On their own profile a mentor sees the times.
 */
function freeTimesElements(p: MentorProfileView): CardElement[] {
  const f = p.freeTimes;
  const mentorId = p.mentor.id;
  const canBook = p.actions.includes('bookSlot');
  const where = { page: f.page, unit: f.unit };
  const days = f.days.map((day) =>
    container([
      text(`${day.heading} · ${plural(day.slots.length, 'free time')}`, { weight: 'bolder' }),
      canBook
        ? {
            type: 'ColumnSet',
            columns: [
              {
                type: 'Column',
                width: 'stretch',
                items: [
                  choiceSet(
                    `slot.${day.date}`,
                    'Pick a time',
                    day.slots.map((s) => ({ title: slotText(s), value: s.startsAt })),
                    { value: day.slots[0]?.startsAt },
                  ),
                ],
              },
              {
                type: 'Column',
                width: 'auto',
                verticalContentAlignment: 'bottom',
                items: [
                  {
                    type: 'ActionSet',
                    actions: buttonsFor(p.actions, ['bookSlot'], { mentorId }).map((b) => ({
                      ...b,
                      data: { ...(b.data as object), day: day.date, ...where },
                    })),
                  },
                ],
              },
            ],
          }
        : text(day.slots.map((s) => clockOf(s.start)).join(' · '), { spacing: 'none' }),
    ]),
  );
  const turns = [f.previous, f.next].filter((t) => t !== undefined);
  return [
    container(
      [
        text(
          canBook
            ? 'Book a free time'
            : p.isOwnProfile
              ? 'Your free times, as mentees see them'
              : 'Free times',
          { weight: 'bolder' },
        ),
        text(
          `${durationText(f.slotMinutes)} each, ${f.zoneIsDefault ? `in ${f.timeZone}, the workspace default` : `in your time zone (${f.timeZone})`}. ${f.summary}.`,
          { subtle: true, spacing: 'none' },
        ),
        f.days.length === 0
          ? text(f.unit === 'week' ? 'No free times this week.' : 'No free times this day.', {
              subtle: true,
            })
          : undefined,
      ],
      true,
    ),
    ...days,
    ...(turns.length > 0
      ? [
          actionSet(
            turns.map((t) =>
              execute(
                t.label,
                PageVerb.freeTimes,
                { mentorId, page: t.offset, unit: t.unit },
                t === f.next,
              ),
            ),
          ) as CardElement,
        ]
      : []),
  ];
}

/** "10:00-10:30": a free time under its day's heading. */
const slotText = (s: SlotView) => `${clockOf(s.start)}-${clockOf(s.end)}`;

/**
 * docs/product.md#mentor-profile: a mentor's profile as the viewer sees it, with *Request a
 * Session* and a page of free times to *Book* (in the viewer's zone) when the view model
 * allows them.
 */
export function mentorProfileCard(p: MentorProfileView): AdaptiveCard {
  const mentorId = p.mentor.id;
  return card(
    `${p.mentor.name}: ${p.headline}`,
    [
      heading(p.mentor.name),
      p.headline ? text(p.headline, { subtle: true, spacing: 'none' }) : undefined,
      p.bio ? text(p.bio) : undefined,
      facts([
        chipsText(p.expertise) !== '' && ['Expertise', chipsText(p.expertise)],
        ['Time zone', p.mentorTimeZone],
      ]),
      p.pendingRequest
        ? text(
            p.pendingRequest.kind === 'menteeToMentor'
              ? 'Your request to this mentor is waiting for an answer.'
              : `${p.mentor.name} offered to mentor you. ${
                  p.actions.includes('requestSession')
                    ? 'Book a slot or request a session to accept.'
                    : 'Book a slot to accept.'
                }`,
            { color: 'accent' },
          )
        : undefined,
      p.upcomingSessions.length > 0 ? text('Upcoming sessions', { weight: 'bolder' }) : undefined,
      ...p.upcomingSessions.map((s: SessionCard) => sessionItem(s)),
      ...freeTimesElements(p),
    ],
    [...buttonsFor(p.actions, ['requestSession'], { mentorId })],
  );
}

/**
 * "Find a mentor" (docs/product.md#lists): a page of mentors with the true count,
 * *Previous* / *Next* turning the card in place, and what to type to narrow the search.
 */
export function mentorListCard(found: MentorPage): AdaptiveCard {
  const { mentors: items, page, text: query } = found;
  const title = query ? `Mentors matching "${query}"` : 'Mentors';
  return card(title, [
    heading(title),
    items.length === 0
      ? text(
          query
            ? `No mentors match "${query}". Try another word, or type find mentor for everyone.`
            : 'No mentors yet.',
        )
      : undefined,
    page.total > page.size
      ? text(
          `${plural(page.total, 'mentor')}. To narrow them, type find mentor and a name or skill, like: find mentor python`,
          { subtle: true },
        )
      : undefined,
    ...items.map((m) =>
      container(
        [
          text(m.mentor.name, { weight: 'bolder' }),
          m.headline ? text(m.headline, { spacing: 'none' }) : undefined,
          chipsText(m.expertise) !== ''
            ? text(chipsText(m.expertise), { subtle: true })
            : undefined,
          actionSet(
            buttonsFor(m.actions, ['viewMentorProfile', 'requestSession'], {
              mentorId: m.mentor.id,
            }),
          ),
        ],
        true,
      ),
    ),
    ...pagerElements(page, PageVerb.findMentors, (offset) => ({
      ...(query ? { text: query } : {}),
      offset,
    })),
  ]);
}

/**
 * docs/product.md#mentee-profile-and-search: mentees looking for a mentor, each with *I want to
 * mentor you!* when allowed; with mentor requests off, the core's sentence saying so on top.
 */
export function menteeSearchCard(search: MenteeSearchView, query?: string): AdaptiveCard {
  const { results, notice } = search;
  const title = query ? `Mentees looking for a mentor: "${query}"` : 'Mentees looking for a mentor';
  return card(title, [
    heading(title),
    notice ? text(notice, { color: 'attention' }) : undefined,
    results.length === 0 ? text('Nobody matching is looking for a mentor right now.') : undefined,
    ...results.map((r) =>
      container(
        [
          text(r.mentee.name, { weight: 'bolder' }),
          chipsText(r.interests) !== ''
            ? text(`Interests: ${chipsText(r.interests)}`, { spacing: 'none' })
            : undefined,
          text(`Time zone: ${r.timeZone}`, { subtle: true, spacing: 'none' }),
          actionSet(
            buttonsFor(r.actions, ['offerMentoring'], {
              menteeId: r.mentee.id,
              menteeName: r.mentee.name,
            }),
          ),
          r.openRequest
            ? text('You already have an open request with this mentee.', { subtle: true })
            : undefined,
        ],
        true,
      ),
    ),
  ]);
}

/** The acting person's own profile, with the buttons to edit each part. */
export function myProfileCard(p: MyProfileView): AdaptiveCard {
  const mentor = p.mentorProfile;
  const actions = buttonsFor(
    p.actions,
    [
      'editMenteeProfile',
      'editMentorProfile',
      'previewMentorProfile',
      'editSettings',
      'manageRoles',
    ],
    { personId: p.person.id },
    mentor ? {} : { editMentorProfile: 'Become a mentor' },
  );
  return card(
    `Profile of ${p.person.name}`,
    [
      heading(p.person.name),
      facts([
        ['Roles', p.roles.join(', ')],
        [
          'Time zone',
          p.zoneIsDefault
            ? `${p.timeZone}, the workspace default (yours is not known yet)`
            : p.timeZone,
        ],
        ['Interests', p.menteeProfile.interests.join(', ') || '-'],
        ['Looking for a mentor', p.menteeProfile.lookingForMentor ? 'Yes' : 'No'],
      ]),
      // In the body: a card shows at most 5 buttons of its own.
      actionSet([openDialog('Set my time zone', DialogVerb.timeZone)]),
      mentor
        ? container(
            [
              text('Mentor profile', { weight: 'bolder' }),
              facts([
                ['Headline', mentor.headline],
                ['Expertise', mentor.expertise.join(', ') || '-'],
                [
                  'Availability',
                  mentor.availability
                    .map((s) => `${weekdayName(s.weekday).slice(0, 3)} ${s.start}-${s.end}`)
                    .join(', ') || 'none yet',
                ],
                ['Booked sessions last', durationText(slotMinutesOf(mentor))],
                ['Meeting platform', mentor.meetingPlatform],
              ]),
            ],
            true,
          )
        : undefined,
    ],
    actions,
  );
}
