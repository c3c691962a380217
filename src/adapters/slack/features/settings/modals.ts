import type { Role } from '../../../../core/people/person.js';
import { durationText } from '../../../../core/words.js';
import type { WorkspaceSettingsView } from '../../../../core/workspaces/settings.js';
import type { VocabularyName } from '../../../../core/workspaces/workspace.js';
import { Field, View } from '../../ids.js';
import {
  checkboxes,
  input,
  LIMITS,
  type ModalView,
  modal,
  option,
  radios,
  staticSelect,
  textInput,
  userSelect,
} from '../../kit.js';
import { platformOptions } from '../sessions/modals.js';

/**
 * Characters of a vocabulary one box starts with. Slack's text inputs hold 3,000 characters,
 * and a list may be 100 items of 40 (4,099 with the line breaks): a long list is spread over
 * several boxes, each starting at most this full, so every box has room for ~24 more items.
 */
const BOX_START = 2000;

/** The most boxes one list can need (100 items of 40 characters); the parser reads this many. */
export const MAX_VOCABULARY_BOXES = 4;

/** A vocabulary as the text of its boxes: one item a line, a box never past `BOX_START`. */
export function vocabularyBoxes(items: readonly string[]): string[] {
  const boxes: string[][] = [[]];
  let used = 0;
  for (const item of items) {
    const current = boxes[boxes.length - 1] as string[];
    const needed = current.length === 0 ? item.length : used + 1 + item.length;
    if (current.length > 0 && needed > BOX_START) {
      boxes.push([item]);
      used = item.length;
    } else {
      current.push(item);
      used = needed;
    }
  }
  return boxes.map((box) => box.join('\n'));
}

/**
 * The block of a vocabulary's box: the first is the field itself, so the core's errors land
 * on it; the others are `field~2`, ... (not `field.2`, which would catch item 2's error).
 */
export const vocabularyBlock = (field: string, index: number) =>
  index === 0 ? field : `${field}~${index + 1}`;

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
    vocabularyBoxes(c.vocabularies[name]).map((text, i, all) =>
      input(
        vocabularyBlock(block, i),
        all.length === 1 ? label : `${label} (${i + 1} of ${all.length})`,
        textInput({ initial: text, multiline: true, max: LIMITS.text }),
        {
          optional: true,
          hint:
            all.length === 1
              ? 'One per line.'
              : i === 0
                ? `One per line. A long list goes on in the next ${all.length === 2 ? 'box' : 'boxes'} (Slack holds 3,000 characters in one); add items in any of them.`
                : 'One per line, continued.',
        },
      ),
    );
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
      ...vocab('recommendedFor', Field.vocabRecommendedFor, 'Recommended for'),
      ...vocab('categories', Field.vocabCategories, 'Categories'),
      ...vocab('medium', Field.vocabMedium, 'Medium'),
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
