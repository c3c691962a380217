import type { MentorListItem } from '../../../core/people/profile.views.js';
import { DialogVerb } from '../ids.js';
import {
  card,
  choiceSet,
  heading,
  numberInput,
  submitDialog,
  text,
  textInput,
  toggle,
} from './elements.js';
import { bannerOf, type DialogInfo, dialog, type FormState, field, formValue } from './form.js';
import { MEETING_CHOICES } from './session-forms.js';

/**
 * "Request a Session" (docs/product.md#mentee-asks-a-mentor): pick a mentor, add an optional
 * note.
 */
export function requestSessionForm(
  mentors: readonly MentorListItem[],
  state: FormState,
): DialogInfo {
  const v = (id: string) => formValue(state, id);
  return dialog(
    'Request a session',
    card(
      'Request a session',
      [
        heading('Request a session'),
        ...bannerOf(state),
        mentors.length === 0 ? text('There are no mentors in this workspace yet.') : undefined,
        ...field(
          state,
          choiceSet(
            'mentorId',
            'Mentor',
            mentors.map((m) => ({
              title: m.headline ? `${m.mentor.name} - ${m.headline}` : m.mentor.name,
              value: m.mentor.id,
            })),
            { value: v('mentorId'), placeholder: 'Pick a mentor' },
          ),
        ),
        ...field(
          state,
          textInput('message', 'Message (optional)', {
            value: v('message'),
            isMultiline: true,
            maxLength: 1000,
          }),
        ),
      ],
      [submitDialog('Send request', DialogVerb.requestSession, {}, true)],
    ),
    { height: 'medium' },
  );
}

/** "I want to mentor you!" then *Send Request* (docs/product.md#mentor-offers-to-mentor). */
export function sendOfferForm(menteeId: string, menteeName: string, state: FormState): DialogInfo {
  return dialog(
    'I want to mentor you!',
    card(
      `Offer to mentor ${menteeName}`,
      [
        heading(`Offer to mentor ${menteeName}`),
        ...bannerOf(state),
        ...field(
          state,
          textInput('message', 'Message (optional)', {
            value: formValue(state, 'message'),
            isMultiline: true,
            maxLength: 1000,
          }),
        ),
      ],
      [submitDialog('Send Request', DialogVerb.sendOffer, { menteeId, menteeName }, true)],
    ),
    { height: 'medium' },
  );
}

/**
 * The mentee profile (docs/product.md#mentee-profile-and-search): interests and *looking for a
 * mentor*.
 */
export function menteeProfileForm(state: FormState): DialogInfo {
  return dialog(
    'Mentee profile',
    card(
      'Mentee profile',
      [
        heading('Your mentee profile'),
        ...bannerOf(state),
        ...field(
          state,
          textInput('interests', 'Interests (comma-separated)', {
            value: formValue(state, 'interests'),
          }),
        ),
        toggle(
          'lookingForMentor',
          'I am looking for a mentor',
          formValue(state, 'lookingForMentor') === 'true',
        ),
      ],
      [submitDialog('Save', DialogVerb.menteeProfile, {}, true)],
    ),
    { height: 'medium' },
  );
}

/**
 * The mentor profile (docs/product.md#mentor-profile) and weekly availability (in the mentor's
 * own zone).
 */
export function mentorProfileForm(timeZone: string, state: FormState): DialogInfo {
  const v = (id: string) => formValue(state, id);
  return dialog(
    'Mentor profile',
    card(
      'Mentor profile',
      [
        heading('Your mentor profile'),
        ...bannerOf(state),
        ...field(
          state,
          textInput('headline', 'Headline', { value: v('headline'), maxLength: 120 }),
        ),
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
          choiceSet('meetingPlatform', 'Meeting platform for booked sessions', MEETING_CHOICES, {
            value: v('meetingPlatform') ?? 'bigbluebutton',
          }),
        ),
        ...field(
          state,
          textInput('meetingUrl', 'Your meeting room link', { value: v('meetingUrl') }),
        ),
      ],
      [submitDialog('Save', DialogVerb.mentorProfile, {}, true)],
    ),
  );
}

/** The admin settings (docs/product.md#workspace-settings). */
export function settingsForm(workspaceName: string, state: FormState): DialogInfo {
  const v = (id: string) => formValue(state, id);
  const on = (id: string) => v(id) === 'true';
  return dialog(
    'Workspace settings',
    card(
      'Workspace settings',
      [
        heading(`Settings of ${workspaceName}`),
        ...bannerOf(state),
        toggle('menteeRequests', 'Mentees may request sessions from mentors', on('menteeRequests')),
        toggle('mentorRequests', 'Mentors may send "I want to mentor you!"', on('mentorRequests')),
        toggle('selfServeMentors', 'Anyone may become a mentor', on('selfServeMentors')),
        ...field(
          state,
          textInput('reminderOffsetsMinutes', 'Reminders, minutes before start (comma-separated)', {
            value: v('reminderOffsetsMinutes'),
          }),
        ),
        ...field(
          state,
          numberInput(
            'minSessionMinutes',
            'Minimum session length (minutes)',
            v('minSessionMinutes'),
          ),
        ),
        ...field(
          state,
          numberInput('defaultSeatLimit', 'Default seat limit', v('defaultSeatLimit')),
        ),
        ...field(
          state,
          choiceSet('defaultMeetingPlatform', 'Default meeting platform', MEETING_CHOICES, {
            value: v('defaultMeetingPlatform'),
          }),
        ),
        ...field(
          state,
          numberInput('requestExpiryDays', 'Requests expire after (days)', v('requestExpiryDays')),
        ),
        ...field(
          state,
          textInput('recommendedFor', 'Recommended for (comma-separated)', {
            value: v('recommendedFor'),
          }),
        ),
        ...field(
          state,
          textInput('categories', 'Categories (comma-separated)', { value: v('categories') }),
        ),
        ...field(state, textInput('medium', 'Medium (comma-separated)', { value: v('medium') })),
      ],
      [submitDialog('Save settings', DialogVerb.settings, {}, true)],
    ),
  );
}
