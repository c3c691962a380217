import { weekdayName } from '../../../../core/people/availability.js';
import type {
  MenteeSearchResult,
  MentorListItem,
  MentorProfileView,
  MyProfileView,
} from '../../../../core/people/profile.views.js';
import { formatRange } from '../../../../core/time.js';
import type { SessionCard } from '../../../../core/views.js';
import { buttonsFor } from '../../actions.js';
import {
  type AdaptiveCard,
  actionSet,
  card,
  chipsText,
  choiceSet,
  container,
  facts,
  heading,
  text,
} from '../../kit.js';
import { sessionItem } from '../sessions/cards.js';

/** Teams shows long choice lists fine, but a fortnight of half-hour slots is plenty. */
const MAX_SLOTS = 40;

/**
 * docs/product.md#mentor-profile: a mentor's profile as the viewer sees it, with *Request a
 * Session* and *Book* (a choice of the free slots, in the viewer's zone) when the view model
 * allows them.
 */
export function mentorProfileCard(p: MentorProfileView): AdaptiveCard {
  const slots = p.slots.slice(0, MAX_SLOTS);
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
              : `${p.mentor.name} offered to mentor you. Book a slot or request a session to accept.`,
            { color: 'accent' },
          )
        : undefined,
      p.upcomingSessions.length > 0 ? text('Upcoming sessions', { weight: 'bolder' }) : undefined,
      ...p.upcomingSessions.map((s: SessionCard) => sessionItem(s)),
      p.actions.includes('bookSlot')
        ? container(
            [
              text('Book a free slot', { weight: 'bolder' }),
              choiceSet(
                'startsAt',
                'Free slots (your time zone)',
                slots.map((s) => ({ title: formatRange(s.start, s.end), value: s.startsAt })),
                { value: slots[0]?.startsAt },
              ),
              {
                type: 'ActionSet',
                actions: buttonsFor(p.actions, ['bookSlot'], { mentorId }),
              },
            ],
            true,
          )
        : p.isOwnProfile
          ? text(
              p.slots.length > 0
                ? `Mentees see ${p.slots.length} free slots in the next 14 days.`
                : 'You have no free slots in the next 14 days.',
              { subtle: true },
            )
          : text('No free slots to book in the next 14 days.', { subtle: true }),
    ],
    [...buttonsFor(p.actions, ['requestSession'], { mentorId })],
  );
}

export function mentorListCard(items: readonly MentorListItem[], query?: string): AdaptiveCard {
  const title = query ? `Mentors matching "${query}"` : 'Mentors';
  return card(title, [
    heading(title),
    items.length === 0 ? text('No mentors found.') : undefined,
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
  ]);
}

/**
 * docs/product.md#mentee-profile-and-search: mentees looking for a mentor, each with *I want to
 * mentor you!* when allowed.
 */
export function menteeSearchCard(
  results: readonly MenteeSearchResult[],
  query?: string,
): AdaptiveCard {
  const title = query ? `Mentees looking for a mentor: "${query}"` : 'Mentees looking for a mentor';
  return card(title, [
    heading(title),
    results.length === 0 ? text('Nobody matching is looking for a mentor right now.') : undefined,
    ...results.map((r) =>
      container(
        [
          text(r.mentee.name, { weight: 'bolder' }),
          chipsText(r.interests) !== ''
            ? text(`Interests: ${chipsText(r.interests)}`, { spacing: 'none' })
            : undefined,
          text(`Time zone: ${r.timeZone}`, { subtle: true, spacing: 'none' }),
          r.actions.includes('offerMentoring')
            ? actionSet(
                buttonsFor(r.actions, ['offerMentoring'], {
                  menteeId: r.mentee.id,
                  menteeName: r.mentee.name,
                }),
              )
            : text('You already have an open request with this mentee.', { subtle: true }),
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
        ['Time zone', p.timeZone],
        ['Interests', p.menteeProfile.interests.join(', ') || '-'],
        ['Looking for a mentor', p.menteeProfile.lookingForMentor ? 'Yes' : 'No'],
      ]),
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
