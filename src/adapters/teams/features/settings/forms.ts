import type { Role } from '../../../../core/people/person.js';
import type { RolesFormView } from '../../../../core/workspaces/settings.js';
import { DialogVerb } from '../../ids.js';
import {
  choiceSet,
  type DialogInfo,
  type FormState,
  field,
  formDialog,
  numberInput,
  submitDialog,
  text,
  textInput,
  toggle,
} from '../../kit.js';
import { meetingChoices } from '../sessions/forms.js';

/** The admin settings (docs/product.md#workspace-settings). */
export function settingsForm(
  workspaceName: string,
  state: FormState,
  platforms: readonly string[],
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
        textInput('reminderOffsetsMinutes', 'Reminders before the start (like 1 day, 15 minutes)', {
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
        textInput(
          'defaultTimeZone',
          'Default time zone: times are shown in it to people whose own zone is not known yet',
          { value: v('defaultTimeZone'), placeholder: 'Europe/London', maxLength: 64 },
        ),
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

export const ROLE_LABEL: Record<Role, string> = {
  mentee: 'Mentee',
  mentor: 'Mentor',
  sessionManager: 'Session manager',
  admin: 'Admin',
};

/** "Mentor, Admin", or "Mentee" for someone with no other role. */
export const rolesText = (roles: readonly Role[]) =>
  roles.length === 0 ? ROLE_LABEL.mentee : roles.map((r) => ROLE_LABEL[r]).join(', ');

/**
 * Manage roles (docs/product.md#roles), for admins: a person of the workspace (filtered as the
 * admin types, with the roles they hold now), a role, grant or remove.
 */
export function rolesForm(view: RolesFormView, state: FormState): DialogInfo {
  const v = (id: string) => state.values[id];
  return formDialog({
    title: 'Manage roles',
    state,
    inputs: [
      text('Everyone is a mentee. Grant or remove the other roles here.', { subtle: true }),
      ...field(
        state,
        choiceSet(
          'personId',
          'Person',
          view.people.map((p) => ({ title: `${p.name} (${rolesText(p.roles)})`, value: p.id })),
          { value: v('personId'), filtered: true, placeholder: 'Type a name' },
        ),
      ),
      ...field(
        state,
        choiceSet(
          'role',
          'Role',
          view.roles.map((role) => ({ title: ROLE_LABEL[role], value: role })),
          { value: v('role') ?? view.roles[0] },
        ),
      ),
      choiceSet(
        'change',
        'Change',
        [
          { title: 'Grant', value: 'grant' },
          { title: 'Remove', value: 'revoke' },
        ],
        { value: v('change') ?? 'grant', expanded: true },
      ),
    ],
    submit: [submitDialog('Apply', DialogVerb.roles, {}, true)],
  });
}
