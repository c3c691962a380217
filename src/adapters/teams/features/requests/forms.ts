import type { MentorListItem } from '../../../../core/people/profile.views.js';
import { DialogVerb } from '../../ids.js';
import {
  bannerOf,
  card,
  choiceSet,
  type DialogInfo,
  dialog,
  type FormState,
  field,
  heading,
  submitDialog,
  text,
  textInput,
} from '../../kit.js';

/**
 * "Request a Session" (docs/product.md#mentee-asks-a-mentor): pick a mentor, add an optional
 * note.
 */
export function requestSessionForm(
  mentors: readonly MentorListItem[],
  state: FormState,
): DialogInfo {
  const v = (id: string) => state.values[id];
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
            value: state.values.message,
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
