import type { MentorListItem } from '../../../../core/people/profile.views.js';
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
} from '../../kit.js';

/** The optional note of a request or an offer. */
const messageInput = (state: FormState) =>
  field(
    state,
    textInput('message', 'Message (optional)', {
      value: state.values.message,
      isMultiline: true,
      maxLength: 1000,
    }),
  );

/**
 * "Request a Session" (docs/product.md#mentee-asks-a-mentor): pick a mentor, add an optional
 * note.
 */
export function requestSessionForm(
  mentors: readonly MentorListItem[],
  state: FormState,
  likeSession?: { readonly id: string; readonly title: string },
): DialogInfo {
  return formDialog({
    title: 'Request a session',
    state,
    inputs: [
      likeSession ? text(`Another session like ${likeSession.title}.`) : undefined,
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
          { value: state.values.mentorId, placeholder: 'Pick a mentor' },
        ),
      ),
      ...messageInput(state),
    ],
    submit: [
      submitDialog(
        'Send request',
        DialogVerb.requestSession,
        likeSession ? { sessionId: likeSession.id } : {},
        true,
      ),
    ],
    height: 'medium',
  });
}

/** "I want to mentor you!" then *Send Request* (docs/product.md#mentor-offers-to-mentor). */
export function sendOfferForm(menteeId: string, menteeName: string, state: FormState): DialogInfo {
  return formDialog({
    title: 'I want to mentor you!',
    fallback: `Offer to mentor ${menteeName}`,
    state,
    inputs: messageInput(state),
    submit: [submitDialog('Send Request', DialogVerb.sendOffer, { menteeId, menteeName }, true)],
    height: 'medium',
  });
}
