import { DEFAULT_SLOT_MINUTES, SLOT_LENGTHS } from '../../../../core/booking/slots.js';
import { durationText } from '../../../../core/words.js';
import { DialogVerb } from '../../ids.js';
import {
  choiceSet,
  type DialogInfo,
  type FormState,
  field,
  formDialog,
  submitDialog,
  text,
  textInput,
  toggle,
} from '../../kit.js';
import { meetingChoices } from '../sessions/forms.js';

/**
 * The mentee profile (docs/product.md#mentee-profile-and-search): interests and *looking for a
 * mentor*.
 */
export function menteeProfileForm(state: FormState): DialogInfo {
  return formDialog({
    title: 'Mentee profile',
    heading: 'Your mentee profile',
    state,
    inputs: [
      ...field(
        state,
        textInput('interests', 'Interests (comma-separated)', { value: state.values.interests }),
      ),
      toggle(
        'lookingForMentor',
        'I am looking for a mentor',
        state.values.lookingForMentor === 'true',
      ),
    ],
    submit: [submitDialog('Save', DialogVerb.menteeProfile, {}, true)],
    height: 'medium',
  });
}

/**
 * *Set my time zone* (docs/product.md#time): one choice of every zone, typed to filter, the
 * person's zone now chosen.
 */
export function timeZoneDialog(
  zones: readonly string[],
  state: FormState,
  isDefault = false,
): DialogInfo {
  return formDialog({
    title: 'Time zone',
    heading: 'Your time zone',
    state,
    inputs: [
      isDefault
        ? text(
            `Times are shown in ${state.values.timeZone ?? 'UTC'}, the workspace default, because your own time zone is not known yet.`,
            { subtle: true },
          )
        : undefined,
      ...field(
        state,
        choiceSet(
          'timeZone',
          'Your time zone (type to find it)',
          zones.map((zone) => ({ title: zone, value: zone })),
          { value: state.values.timeZone, filtered: true },
        ),
      ),
    ],
    submit: [submitDialog('Save', DialogVerb.timeZone, {}, true)],
    height: 'small',
  });
}

/**
 * The mentor profile (docs/product.md#mentor-profile) and weekly availability (in the mentor's
 * own zone).
 */
export function mentorProfileForm(
  timeZone: string,
  state: FormState,
  platforms: readonly string[],
  slotLengths: readonly number[] = SLOT_LENGTHS,
): DialogInfo {
  const v = (id: string) => state.values[id];
  return formDialog({
    title: 'Mentor profile',
    heading: 'Your mentor profile',
    state,
    inputs: [
      ...field(state, textInput('headline', 'Headline', { value: v('headline'), maxLength: 120 })),
      ...field(
        state,
        textInput('bio', 'Bio', { value: v('bio'), isMultiline: true, maxLength: 2000 }),
      ),
      ...field(
        state,
        textInput('expertise', 'Expertise (comma-separated)', { value: v('expertise') }),
      ),
      ...field(
        state,
        textInput('availability', `Weekly availability in ${timeZone}, one per line`, {
          value: v('availability'),
          isMultiline: true,
          placeholder: 'Tue 14:00-16:00',
        }),
      ),
      ...field(
        state,
        choiceSet(
          'slotMinutes',
          'Length of a booked session (your availability is cut into free times of it)',
          slotLengths.map((n) => ({ title: durationText(n), value: String(n) })),
          { value: v('slotMinutes') || String(DEFAULT_SLOT_MINUTES) },
        ),
      ),
      ...field(
        state,
        choiceSet(
          'meetingPlatform',
          'Meeting platform for booked sessions',
          meetingChoices(platforms),
          { value: v('meetingPlatform') },
        ),
      ),
      ...field(
        state,
        textInput('meetingUrl', 'Your meeting room link', { value: v('meetingUrl') }),
      ),
    ],
    submit: [submitDialog('Save', DialogVerb.mentorProfile, {}, true)],
  });
}
