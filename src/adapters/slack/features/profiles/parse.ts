import { validation } from '../../../../core/errors.js';
import { availabilityOf, commaList } from '../../../forms/index.js';
import type { FormState } from '../../form-state.js';
import { Field } from '../../ids.js';

/** The mentor profile form in the core's input shape, or the availability line it cannot read. */
export function mentorProfileOf(state: FormState) {
  const availability = availabilityOf(state.text(Field.availability));
  if ('error' in availability) return validation({ [Field.availability]: availability.error });
  return {
    headline: state.text(Field.headline),
    bio: state.text(Field.bio),
    expertise: commaList(state.text(Field.expertise)),
    availability: availability.slots,
    ...(state.selected(Field.profileMeetingPlatform)
      ? { meetingPlatform: state.selected(Field.profileMeetingPlatform) }
      : {}),
    meetingUrl: state.text(Field.profileMeetingUrl),
    ...(state.selected(Field.slotMinutes)
      ? { slotMinutes: state.selected(Field.slotMinutes) }
      : {}),
  };
}

export const menteeProfileOf = (state: FormState) => ({
  interests: commaList(state.text(Field.interests)),
  lookingForMentor: state.selectedMany(Field.lookingForMentor).includes('yes'),
});
