import type { Role } from '../../../../core/people/person.js';
import { durationText } from '../../../../core/words.js';
import type { WorkspaceSettingsView } from '../../../../core/workspaces/settings.js';
import type { VocabularyName } from '../../../../core/workspaces/workspace.js';
import { Field, View } from '../../ids.js';
import {
  checkboxes,
  input,
  type ModalView,
  modal,
  option,
  radios,
  staticSelect,
  textInput,
  userSelect,
} from '../../kit.js';
import { platformOptions } from '../sessions/modals.js';

export function settingsModal(view: WorkspaceSettingsView): ModalView {
  const c = view.config;
  const features = [
    option('Mentees may request sessions', 'menteeRequests'),
    option('Mentors may send "I want to mentor you!"', 'mentorRequests'),
    option('Anyone may become a mentor', 'selfServeMentors'),
  ];
  const on = (['menteeRequests', 'mentorRequests', 'selfServeMentors'] as const).filter(
    (k) => c[k],
  );
  const vocab = (name: VocabularyName, block: string, label: string) =>
    input(block, label, textInput({ initial: c.vocabularies[name].join('\n'), multiline: true }), {
      optional: true,
      hint: 'One per line.',
    });
  return modal({
    callbackId: View.settings,
    title: 'Workspace settings',
    submit: 'Save',
    blocks: [
      input(Field.features, 'Features', checkboxes(features, on), { optional: true }),
      input(
        Field.reminderOffsets,
        'Reminders before the start (like 1 day, 15 minutes)',
        textInput({ initial: c.reminderOffsetsMinutes.map(durationText).join(', ') }),
        { optional: true },
      ),
      input(
        Field.minSessionMinutes,
        'Minimum session length (minutes)',
        textInput({ initial: String(c.minSessionMinutes) }),
      ),
      input(
        Field.defaultSeatLimit,
        'Default seat limit',
        textInput({ initial: String(c.defaultSeatLimit) }),
      ),
      input(
        Field.defaultMeetingPlatform,
        'Default meeting platform',
        staticSelect(platformOptions(view.choices.meetingPlatforms), c.defaultMeetingPlatform),
      ),
      input(
        Field.requestExpiryDays,
        'Requests expire after (days)',
        textInput({ initial: String(c.requestExpiryDays) }),
      ),
      input(
        Field.defaultTimeZone,
        'Default time zone',
        textInput({ initial: c.defaultTimeZone, max: 64 }),
        {
          optional: true,
          hint: 'Times are shown in it to people whose own zone is not known yet. A name like Europe/London.',
        },
      ),
      vocab('recommendedFor', Field.vocabRecommendedFor, 'Recommended for'),
      vocab('categories', Field.vocabCategories, 'Categories'),
      vocab('medium', Field.vocabMedium, 'Medium'),
    ],
  });
}

const ROLE_LABEL: Record<Role, string> = {
  mentee: 'Mentee',
  mentor: 'Mentor',
  sessionManager: 'Session manager',
  admin: 'Admin',
};

export function rolesModal(view: WorkspaceSettingsView): ModalView {
  return modal({
    callbackId: View.roles,
    title: 'Manage roles',
    submit: 'Apply',
    blocks: [
      input(Field.rolePerson, 'Person', userSelect()),
      input(
        Field.role,
        'Role',
        staticSelect(view.choices.roles.map((role) => option(ROLE_LABEL[role], role))),
      ),
      input(
        Field.roleChange,
        'Change',
        radios([option('Grant', 'grant'), option('Remove', 'revoke')], 'grant'),
      ),
    ],
  });
}
