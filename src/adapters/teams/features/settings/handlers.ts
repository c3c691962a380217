import { type Feature, replyCard, type TeamsContext } from '../../context.js';
import { again } from '../../form-input.js';
import { DialogVerb } from '../../ids.js';
import type { FormState } from '../../kit.js';
import { noticeCard } from '../home/cards.js';
import { ROLE_LABEL, rolesForm, rolesText, settingsForm } from './forms.js';
import { SETTINGS_SLOTS, settingsInputOf, settingsValuesOf } from './parse.js';

/** Where the core's role-change errors go in the roles dialog. */
const ROLE_SLOTS = [
  ['personId', 'personId'],
  ['role', 'role'],
] as const;

/**
 * The workspace settings and roles dialogs, for admins (docs/product.md#workspace-settings,
 * #roles).
 */
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

      [DialogVerb.roles]: {
        async fetch({ actor }) {
          const form = await mentorship.rolesForm({ actor });
          if (!form.ok) return form.error.message;
          return rolesForm(form.value, { values: {}, errors: {} });
        },
        async submit({ context, actor, values, key }) {
          const request = {
            actor,
            input: { personId: values.personId ?? '', role: values.role ?? '' },
            idempotencyKey: key,
          };
          const revoke = values.change === 'revoke';
          const result = revoke
            ? await mentorship.revokeRole(request)
            : await mentorship.grantRole(request);
          if (!result.ok) {
            const form = await mentorship.rolesForm({ actor });
            if (!form.ok) return form.error.message;
            return again((state) => rolesForm(form.value, state), values, result.error, ROLE_SLOTS);
          }
          const person = result.value;
          const role =
            ROLE_LABEL[request.input.role as keyof typeof ROLE_LABEL] ?? request.input.role;
          const held = person.roles.filter((r) => r !== 'mentee');
          await replyCard(
            context,
            noticeCard(
              `${person.displayName} ${revoke ? 'is no longer' : 'is now'} ${role === 'Admin' ? 'an admin' : `a ${role.toLowerCase()}`}. Roles now: ${rolesText(held)}.`,
              'Roles',
            ),
          );
          return undefined;
        },
      },
    },
  };
}
