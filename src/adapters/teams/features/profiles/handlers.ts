import { bookSlot } from '../../../../core/booking/book-slot.js';
import type { Result } from '../../../../core/errors.js';
import { findMentors } from '../../../../core/people/find-mentors.js';
import { getMentorProfile } from '../../../../core/people/mentor-profile.js';
import { getMyProfile } from '../../../../core/people/my-profile.js';
import { saveMenteeProfile } from '../../../../core/people/save-mentee-profile.js';
import { saveMentorProfile } from '../../../../core/people/save-mentor-profile.js';
import { searchMentees } from '../../../../core/people/search-mentees.js';
import type { SessionCard } from '../../../../core/views.js';
import { availabilityOf, availabilityText, commaList } from '../../../forms/index.js';
import { buttonFailure, showing } from '../../buttons.js';
import { type Data, type Feature, replyCard, type TeamsContext, textIn } from '../../context.js';
import { again } from '../../form-input.js';
import { ActionVerb, DialogVerb, ShowVerb } from '../../ids.js';
import type { FormState } from '../../kit.js';
import { sessionCard } from '../sessions/cards.js';
import { menteeSearchCard, mentorListCard, mentorProfileCard, myProfileCard } from './cards.js';
import { menteeProfileForm, mentorProfileForm } from './forms.js';
import { MENTEE_PROFILE_SLOTS, MENTOR_PROFILE_SLOTS } from './parse.js';

/** Search results shown at once. */
const RESULTS = 20;

/** A search for the typed text (everyone when there is none). */
const search = (personId: string, data: Data) => {
  const text = textIn(data, 'text', 100);
  return { actor: { personId }, input: text ? { text, limit: RESULTS } : { limit: RESULTS } };
};

/**
 * Profiles (docs/product.md#profiles): finding mentors and mentees, a mentor's profile and
 * *Book*, the person's own profile and its two dialogs.
 */
export function profilesFeature(ctx: TeamsContext): Feature {
  const { core } = ctx;
  return {
    buttons: {
      [ActionVerb.book]: {
        working: 'Booking the session…',
        async run({ person, data, key }) {
          const r: Result<{ session: SessionCard; acceptedOfferId?: string }> = await bookSlot(
            core,
            {
              actor: { personId: person.id },
              input: { mentorId: textIn(data, 'mentorId'), startsAt: textIn(data, 'startsAt') },
              idempotencyKey: key,
            },
          );
          if (!r.ok) {
            const field = Object.values(r.error.fields)[0];
            return field ?? buttonFailure(r.error);
          }
          return sessionCard(
            r.value.session,
            r.value.acceptedOfferId
              ? "Booked, and the mentor's offer is accepted."
              : 'Booked. The mentor was told.',
          );
        },
      },
    },

    shows: {
      [ShowVerb.findMentors]: showing(
        ({ person, data }) => findMentors(core, search(person.id, data)),
        ({ mentors }, { data }) => mentorListCard(mentors, textIn(data, 'text', 100) || undefined),
      ),
      [ShowVerb.findMentees]: showing(
        ({ person, data }) => searchMentees(core, search(person.id, data)),
        ({ results }, { data }) =>
          menteeSearchCard(results, textIn(data, 'text', 100) || undefined),
      ),
      [ShowVerb.myProfile]: showing(
        ({ person }) => getMyProfile(core, { actor: { personId: person.id } }),
        myProfileCard,
      ),
      [ShowVerb.mentorProfile]: showing(
        ({ person, data }) =>
          getMentorProfile(core, {
            actor: { personId: person.id },
            input: { mentorId: textIn(data, 'mentorId', 100) },
          }),
        mentorProfileCard,
      ),
    },

    dialogs: {
      [DialogVerb.menteeProfile]: {
        async fetch({ actor }) {
          const profile = await getMyProfile(core, { actor });
          if (!profile.ok) return profile.error.message;
          const p = profile.value.menteeProfile;
          return menteeProfileForm({
            values: {
              interests: p.interests.join(', '),
              lookingForMentor: String(p.lookingForMentor),
            },
            errors: {},
          });
        },
        async submit({ context, actor, values, key }) {
          const result = await saveMenteeProfile(core, {
            actor,
            input: {
              interests: commaList(values.interests),
              lookingForMentor: values.lookingForMentor === 'true',
            },
            idempotencyKey: key,
          });
          if (!result.ok)
            return again(menteeProfileForm, values, result.error, MENTEE_PROFILE_SLOTS);
          await replyCard(context, myProfileCard(result.value));
          return undefined;
        },
      },

      [DialogVerb.mentorProfile]: {
        async fetch({ person, actor }) {
          const profile = await getMyProfile(core, { actor });
          if (!profile.ok) return profile.error.message;
          const m = profile.value.mentorProfile;
          return mentorProfileForm(person.timeZone, {
            values: {
              headline: m?.headline ?? '',
              bio: m?.bio ?? '',
              expertise: m?.expertise.join(', ') ?? '',
              availability: availabilityText(m?.availability ?? []),
              meetingPlatform: m?.meetingPlatform ?? 'bigbluebutton',
              meetingUrl: m?.meetingUrl ?? '',
            },
            errors: {},
          });
        },
        async submit({ context, person, actor, values, key }) {
          const render = (state: FormState) => mentorProfileForm(person.timeZone, state);
          const availability = availabilityOf(values.availability);
          if ('error' in availability)
            return render({ values, errors: { availability: availability.error } });
          const result = await saveMentorProfile(core, {
            actor,
            input: {
              headline: values.headline ?? '',
              bio: values.bio ?? '',
              expertise: commaList(values.expertise),
              availability: availability.slots,
              ...(values.meetingPlatform ? { meetingPlatform: values.meetingPlatform } : {}),
              meetingUrl: values.meetingUrl ?? '',
            },
            idempotencyKey: key,
          });
          if (!result.ok) return again(render, values, result.error, MENTOR_PROFILE_SLOTS);
          await replyCard(context, myProfileCard(result.value));
          return undefined;
        },
      },
    },
  };
}
