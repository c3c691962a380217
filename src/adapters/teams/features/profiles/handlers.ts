import { ErrorCode } from '../../../../core/errors.js';
import { TIME_ZONES } from '../../../../core/people/time-zone.js';
import { availabilityOf, availabilityText, commaList } from '../../../forms/index.js';
import { buttonFailure, commandOf, showing } from '../../buttons.js';
import { type Data, type Feature, replyCard, type TeamsContext, textIn } from '../../context.js';
import { again } from '../../form-input.js';
import { ActionVerb, DialogVerb, PageVerb, ShowVerb } from '../../ids.js';
import { type FormState, text } from '../../kit.js';
import { offsetIn, pageTurn } from '../../pager.js';
import { noticeCard } from '../home/cards.js';
import { sessionCard } from '../sessions/cards.js';
import { menteeSearchCard, mentorListCard, mentorProfileCard, myProfileCard } from './cards.js';
import { menteeProfileForm, mentorProfileForm, timeZoneDialog } from './forms.js';
import { MENTEE_PROFILE_SLOTS, MENTOR_PROFILE_SLOTS } from './parse.js';

/**
 * The time a *Book* button books: the choice of its day's free times (`slot.<date>`, the
 * button's `day`), or a `startsAt` it carries itself (cards drawn before days had their own).
 */
const chosenTime = (data: Data): string =>
  textIn(data, 'startsAt') || textIn(data, `slot.${textIn(data, 'day', 10)}`);

/** A mentor's profile on the page of free times a button carries (the first by default). */
const profileInput = (data: Data) => ({
  mentorId: textIn(data, 'mentorId', 100),
  page: offsetIn(data, 'page'),
  ...(textIn(data, 'unit') ? { unit: textIn(data, 'unit') } : {}),
});

/** Mentee search results shown at once. */
const RESULTS = 20;

/** A search for the typed text (everyone when there is none). */
const search = (personId: string, data: Data) => {
  const text = textIn(data, 'text', 100);
  return { actor: { personId }, input: text ? { text, limit: RESULTS } : { limit: RESULTS } };
};

/** A page of "find a mentor": the typed text, and where the page starts (a paging button's). */
const mentorSearch = (personId: string, data: Data) => {
  const text = textIn(data, 'text', 100);
  return {
    actor: { personId },
    input: { ...(text ? { text } : {}), offset: offsetIn(data, 'offset') },
  };
};

/**
 * Profiles (docs/product.md#profiles): finding mentors and mentees, a mentor's profile and
 * *Book*, the person's own profile and its two dialogs.
 */
export function profilesFeature(ctx: TeamsContext): Feature {
  const { mentorship } = ctx;
  return {
    buttons: {
      [PageVerb.findMentors]: pageTurn(
        (personId, data) => mentorship.findMentors(mentorSearch(personId, data)),
        mentorListCard,
      ),
      [ActionVerb.book]: {
        working: 'Booking the session…',
        async run(turn) {
          const { data } = turn;
          const r = await mentorship.bookSlot(
            commandOf(turn, { mentorId: textIn(data, 'mentorId'), startsAt: chosenTime(data) }),
          );
          if (!r.ok) {
            if (r.error.code === ErrorCode.SlotTaken) {
              // The profile shows the slots still free, under the one sentence saying why.
              const profile = await mentorship.mentorProfile(commandOf(turn, profileInput(data)));
              if (profile.ok) {
                const card = mentorProfileCard(profile.value);
                return {
                  ...card,
                  body: [text(r.error.message, { weight: 'bolder' }), ...card.body],
                };
              }
            }
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
      [PageVerb.freeTimes]: pageTurn(
        (personId, data) =>
          mentorship.mentorProfile({ actor: { personId }, input: profileInput(data) }),
        mentorProfileCard,
      ),
    },

    shows: {
      [ShowVerb.findMentors]: showing(
        ({ person, data }) => mentorship.findMentors(mentorSearch(person.id, data)),
        mentorListCard,
      ),
      [ShowVerb.findMentees]: showing(
        ({ person, data }) => mentorship.searchMentees(search(person.id, data)),
        (found, { data }) => menteeSearchCard(found, textIn(data, 'text', 100) || undefined),
      ),
      [ShowVerb.myProfile]: showing(
        ({ person }) => mentorship.myProfile({ actor: { personId: person.id } }),
        myProfileCard,
      ),
      [ShowVerb.mentorProfile]: showing(
        ({ person, data }) =>
          mentorship.mentorProfile({
            actor: { personId: person.id },
            input: { mentorId: textIn(data, 'mentorId', 100) },
          }),
        mentorProfileCard,
      ),
    },

    dialogs: {
      [DialogVerb.menteeProfile]: {
        async fetch({ actor }) {
          const form = await mentorship.menteeProfileForm({ actor });
          if (!form.ok) return form.error.message;
          const { interests, lookingForMentor } = form.value.values;
          return menteeProfileForm({
            values: { interests: interests.join(', '), lookingForMentor: String(lookingForMentor) },
            errors: {},
          });
        },
        async submit({ context, actor, values, key }) {
          const result = await mentorship.saveMenteeProfile({
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

      [DialogVerb.timeZone]: {
        async fetch({ actor }) {
          const form = await mentorship.timeZoneForm({ actor });
          if (!form.ok) return form.error.message;
          return timeZoneDialog(
            form.value.choices,
            { values: { timeZone: form.value.timeZone }, errors: {} },
            form.value.isDefault,
          );
        },
        async submit({ context, actor, values, key }) {
          const result = await mentorship.setMyTimeZone({
            actor,
            input: { timeZone: values.timeZone ?? '' },
            idempotencyKey: key,
          });
          if (!result.ok) {
            const render = (state: FormState) => timeZoneDialog(TIME_ZONES, state);
            return again(render, values, result.error, [['timeZone', 'timeZone']]);
          }
          await replyCard(
            context,
            noticeCard(
              `Your time zone is now ${result.value.timeZone}: times are shown in it from now on.`,
              'Time zone',
            ),
          );
          return undefined;
        },
      },

      [DialogVerb.mentorProfile]: {
        // The core's form: the same permission check as saving (and as Slack), the meeting
        // platforms this service offers, the workspace's default one, the mentor's own zone.
        async fetch({ actor }) {
          const form = await mentorship.mentorProfileForm({ actor });
          if (!form.ok) return form.error.message;
          const m = form.value.values;
          return mentorProfileForm(
            form.value.timeZone,
            {
              values: {
                headline: m.headline,
                bio: m.bio,
                expertise: m.expertise.join(', '),
                availability: availabilityText(m.availability),
                meetingPlatform: m.meetingPlatform,
                meetingUrl: m.meetingUrl,
                slotMinutes: String(m.slotMinutes),
              },
              errors: {},
            },
            form.value.choices.meetingPlatforms,
            form.value.choices.slotMinutes,
          );
        },
        async submit({ context, actor, values, key }) {
          // Asked again, so a form sent back shows the same choices (and a person who may no
          // longer edit it is told why).
          const form = await mentorship.mentorProfileForm({ actor });
          if (!form.ok) return form.error.message;
          const { timeZone, choices } = form.value;
          const render = (state: FormState) =>
            mentorProfileForm(timeZone, state, choices.meetingPlatforms);
          const availability = availabilityOf(values.availability);
          if ('error' in availability)
            return render({ values, errors: { availability: availability.error } });
          const result = await mentorship.saveMentorProfile({
            actor,
            input: {
              headline: values.headline ?? '',
              bio: values.bio ?? '',
              expertise: commaList(values.expertise),
              availability: availability.slots,
              ...(values.meetingPlatform ? { meetingPlatform: values.meetingPlatform } : {}),
              meetingUrl: values.meetingUrl ?? '',
              ...(values.slotMinutes ? { slotMinutes: values.slotMinutes } : {}),
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
