import { DialogVerb } from '../../ids.js';
import {
  choiceSet,
  type DialogInfo,
  type FormState,
  field,
  formDialog,
  numberInput,
  submitDialog,
  textInput,
  toggle,
} from '../../kit.js';
import { meetingChoices } from '../sessions/forms.js';

/** The admin settings (docs/product.md#workspace-settings). */
export function settingsForm(
  workspaceName: string,
  state: FormState,
  platforms?: readonly string[],
): DialogInfo {
  const v = (id: string) => state.values[id];
  const on = (id: string) => v(id) === 'true';
  return formDialog({
    title: 'Workspace settings',
    heading: `Settings of ${workspaceName}`,
    state,
    inputs: [
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
      ...field(state, numberInput('defaultSeatLimit', 'Default seat limit', v('defaultSeatLimit'))),
      ...field(
        state,
        choiceSet('defaultMeetingPlatform', 'Default meeting platform', meetingChoices(platforms), {
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
    submit: [submitDialog('Save settings', DialogVerb.settings, {}, true)],
  });
}
