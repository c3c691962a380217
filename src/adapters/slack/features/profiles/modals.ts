import type {
  MeetingPlatform,
  MenteeProfile,
  MentorProfile,
} from '../../../../core/people/person.js';
import type { MentorProfileView } from '../../../../core/people/profile.views.js';
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

export function menteeProfileModal(p: MenteeProfile): ModalView {
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

export function mentorProfileFormModal(args: {
  profile?: MentorProfile;
  timeZone: string;
  defaultPlatform: MeetingPlatform;
}): ModalView {
  const p = args.profile;
  return modal({
    callbackId: View.mentorProfileForm,
    title: 'Mentor profile',
    submit: 'Save',
    blocks: [
      input(Field.headline, 'Headline', textInput({ initial: p?.headline ?? '', max: 120 })),
      input(Field.bio, 'Bio', textInput({ initial: p?.bio ?? '', multiline: true, max: 2000 }), {
        optional: true,
      }),
      input(Field.expertise, 'Expertise', textInput({ initial: p?.expertise.join(', ') ?? '' }), {
        optional: true,
        hint: 'Comma-separated.',
      }),
      input(
        Field.availability,
        `Weekly availability (${esc(args.timeZone)})`,
        textInput({ initial: availabilityText(p), multiline: true }),
        {
          optional: true,
          hint: 'One per line, like: Tue 14:00-16:00',
        },
      ),
      input(
        Field.profileMeetingPlatform,
        'Meeting platform for booked sessions',
        staticSelect(platformOptions(), p?.meetingPlatform ?? args.defaultPlatform),
      ),
      input(
        Field.profileMeetingUrl,
        'Your meeting room link',
        textInput({ initial: p?.meetingUrl ?? '' }),
        { optional: true },
      ),
    ],
  });
}
