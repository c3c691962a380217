import type { MentorProfileView } from '../../../../core/people/profile.views.js';
import type {
  MenteeProfileFormView,
  MentorProfileFormView,
} from '../../../../core/people/profile-forms.js';
import { durationText } from '../../../../core/words.js';
import { availabilityText } from '../../../forms/index.js';
import { Field, View } from '../../ids.js';
import {
  checkboxes,
  esc,
  input,
  type ModalView,
  modal,
  option,
  staticSelect,
  textInput,
} from '../../kit.js';
import { platformOptions } from '../sessions/modals.js';
import { mentorProfileBlocks } from './views.js';

export const mentorProfileModal = (p: MentorProfileView): ModalView =>
  modal({
    callbackId: View.mentorProfile,
    title: 'Mentor profile',
    blocks: mentorProfileBlocks(p),
  });

/** The mentee profile form, from the core's `menteeProfileForm`. */
export function menteeProfileModal(form: MenteeProfileFormView): ModalView {
  const p = form.values;
  return modal({
    callbackId: View.menteeProfileForm,
    title: 'Mentee profile',
    submit: 'Save',
    blocks: [
      input(Field.interests, 'Interests', textInput({ initial: p.interests.join(', ') }), {
        optional: true,
        hint: 'Comma-separated; mentors search by these.',
      }),
      input(
        Field.lookingForMentor,
        'Mentor',
        checkboxes([option('I am looking for a mentor', 'yes')], p.lookingForMentor ? ['yes'] : []),
        { optional: true },
      ),
    ],
  });
}

/** The mentor profile form, from the core's `mentorProfileForm` (values and choices). */
export function mentorProfileFormModal(form: MentorProfileFormView): ModalView {
  const p = form.values;
  return modal({
    callbackId: View.mentorProfileForm,
    title: 'Mentor profile',
    submit: 'Save',
    blocks: [
      input(Field.headline, 'Headline', textInput({ initial: p.headline, max: 120 })),
      input(Field.bio, 'Bio', textInput({ initial: p.bio, multiline: true, max: 2000 }), {
        optional: true,
      }),
      input(Field.expertise, 'Expertise', textInput({ initial: p.expertise.join(', ') }), {
        optional: true,
        hint: 'Comma-separated.',
      }),
      input(
        Field.availability,
        `Weekly availability (${esc(form.timeZone)})`,
        textInput({ initial: availabilityText(p.availability), multiline: true }),
        { optional: true, hint: 'One per line, like: Tue 14:00-16:00' },
      ),
      input(
        Field.slotMinutes,
        'Length of a booked session',
        staticSelect(
          form.choices.slotMinutes.map((n) => option(durationText(n), String(n))),
          String(p.slotMinutes),
        ),
        { hint: 'Your availability is cut into free times of this length for mentees to book.' },
      ),
      input(
        Field.profileMeetingPlatform,
        'Meeting platform for booked sessions',
        staticSelect(platformOptions(form.choices.meetingPlatforms), p.meetingPlatform),
      ),
      input(
        Field.profileMeetingUrl,
        'Your meeting room link',
        textInput({ initial: p.meetingUrl }),
        { optional: true },
      ),
    ],
  });
}
