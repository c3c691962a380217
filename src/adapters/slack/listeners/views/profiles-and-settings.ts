import { DomainError } from '../../../../core/errors.js';
import { saveMenteeProfile } from '../../../../core/people/save-mentee-profile.js';
import { saveMentorProfile } from '../../../../core/people/save-mentor-profile.js';
import {
  grantRole,
  revokeRole,
  updateWorkspaceSettings,
} from '../../../../core/workspaces/settings.js';
import type { Register } from '../../context.js';
import { menteeProfileOf, mentorProfileOf } from '../../forms/profile.js';
import { settingsOf } from '../../forms/settings.js';
import { publishHome } from '../../home-tab.js';
import { Field, View } from '../../ids.js';
import { onSubmit, type Submission } from './run.js';

/**
 * Profiles, workspace settings and roles (docs/product.md#profiles, #workspace-settings,
 * #roles); each refreshes the Home tab.
 */
export const registerProfilesAndSettings: Register = (app, ctx) => {
  const refresh = (s: Submission) => () => publishHome(ctx, s.client, s.person);
  const close = (s: Submission) => ({ response: { response_action: 'clear' }, after: refresh(s) });

  app.view(
    View.MenteeProfileForm,
    onSubmit(
      ctx,
      (s) =>
        saveMenteeProfile(ctx.core, {
          actor: { personId: s.person.id },
          input: menteeProfileOf(s.state),
          idempotencyKey: s.key,
        }),
      (_v, s) => close(s),
    ),
  );

  app.view(
    View.MentorProfileForm,
    onSubmit(
      ctx,
      async (s) => {
        const input = mentorProfileOf(s.state);
        if (input instanceof DomainError) return input;
        return saveMentorProfile(ctx.core, {
          actor: { personId: s.person.id },
          input,
          idempotencyKey: s.key,
        });
      },
      (_v, s) => close(s),
      'Mentor profile',
    ),
  );

  app.view(
    View.Settings,
    onSubmit(
      ctx,
      async (s) => {
        const input = settingsOf(s.state);
        if (input instanceof DomainError) return input;
        return updateWorkspaceSettings(ctx.core, {
          actor: { personId: s.person.id },
          input,
          idempotencyKey: s.key,
        });
      },
      (_v, s) => close(s),
      'Workspace settings',
    ),
  );

  app.view(
    View.Roles,
    onSubmit(
      ctx,
      async (s) => {
        const user = s.state.user(Field.RolePerson);
        const target = await ctx.people.others(s.client, s.person.tenantId, user ? [user] : []);
        if (!target.ok) return target;
        const request = {
          actor: { personId: s.person.id },
          input: { personId: target.value[0] ?? '', role: s.state.selected(Field.Role) },
          idempotencyKey: s.key,
        };
        return s.state.selected(Field.RoleChange) === 'revoke'
          ? revokeRole(ctx.core, request)
          : grantRole(ctx.core, request);
      },
      (_v, s) => close(s),
      'Manage roles',
    ),
  );
};
