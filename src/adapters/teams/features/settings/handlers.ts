import { type Feature, replyCard, type TeamsContext } from '../../context.js';
import { again } from '../../form-input.js';
import { DialogVerb } from '../../ids.js';
import type { FormState } from '../../kit.js';
import { noticeCard } from '../home/cards.js';
import { settingsForm } from './forms.js';
import { SETTINGS_SLOTS, settingsInputOf, settingsValuesOf } from './parse.js';

/** The workspace settings dialog, for admins (docs/product.md#workspace-settings). */
export function settingsFeature(ctx: TeamsContext): Feature {
  const { mentorship } = ctx;
  return {
    dialogs: {
      [DialogVerb.settings]: {
        async fetch({ actor }) {
          const settings = await mentorship.settingsForm({ actor });
          if (!settings.ok) return settings.error.message;
          return settingsForm(
            settings.value.workspaceName,
            { values: settingsValuesOf(settings.value.config), errors: {} },
            settings.value.choices.meetingPlatforms,
          );
        },
        async submit({ context, actor, values, key }) {
          const settings = await mentorship.settingsForm({ actor });
          if (!settings.ok) return settings.error.message;
          const { workspaceName, choices } = settings.value;
          const render = (state: FormState) =>
            settingsForm(workspaceName, state, choices.meetingPlatforms);
          const parsed = settingsInputOf(values);
          if ('errors' in parsed) return render({ values, errors: parsed.errors });
          const result = await mentorship.updateSettings({
            actor,
            input: parsed.input,
            idempotencyKey: key,
          });
          if (!result.ok) return again(render, values, result.error, SETTINGS_SLOTS);
          await replyCard(context, noticeCard('Workspace settings saved.', 'Settings'));
          return undefined;
        },
      },
    },
  };
}
