import { type DomainError, validation } from '../../../core/errors.js';
import { Field } from '../ids.js';
import { commaList, type FormState, lines } from './state.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LINE = /^([a-z]+)\s+(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$/i;

const pad = (time: string) => (time.length === 4 ? `0${time}` : time);

/**
 * "Tue 14:00-16:00" lines -> weekly slots. Only the shape is read here; the core checks
 * the times, overlaps and count.
 */
export function availabilityOf(
  text: string,
): { weekday: number; start: string; end: string }[] | DomainError {
  const slots = [];
  for (const [i, line] of lines(text).entries()) {
    const match = LINE.exec(line);
    const weekday = match ? DAYS.indexOf((match[1] ?? '').slice(0, 3).toLowerCase()) + 1 : 0;
    if (!match || weekday === 0) {
      return validation({
        [Field.Availability]: `Line ${i + 1} ("${line.slice(0, 40)}"): write it like Tue 14:00-16:00.`,
      });
    }
    slots.push({ weekday, start: pad(match[2] ?? ''), end: pad(match[3] ?? '') });
  }
  return slots;
}

export function mentorProfileOf(state: FormState) {
  const availability = availabilityOf(state.text(Field.Availability));
  if (!Array.isArray(availability)) return availability;
  return {
    headline: state.text(Field.Headline),
    bio: state.text(Field.Bio),
    expertise: commaList(state.text(Field.Expertise)),
    availability,
    ...(state.selected(Field.ProfileMeetingPlatform)
      ? { meetingPlatform: state.selected(Field.ProfileMeetingPlatform) }
      : {}),
    meetingUrl: state.text(Field.ProfileMeetingUrl),
  };
}

export const menteeProfileOf = (state: FormState) => ({
  interests: commaList(state.text(Field.Interests)),
  lookingForMentor: state.selectedMany(Field.LookingForMentor).includes('yes'),
});
