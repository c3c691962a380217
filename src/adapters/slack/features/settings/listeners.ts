import type { Register } from '../../context.js';
import { Action, Field, View } from '../../ids.js';
import { opensForms } from '../../listen.js';
import { onSubmit, submitted } from '../../submit.js';
import { closeAndRefreshHome } from '../home/publish.js';
import { rolesForm, settingsForm } from './forms.js';
import { settingsOf } from './parse.js';

/** Workspace settings and roles (docs/product.md#workspace-settings, #roles), for admins; each save refreshes the Home tab. */
export const registerSettings: Register = (app, ctx) => {
  const close = closeAndRefreshHome(ctx);
  opensForms(app, ctx, [
    [Action.openSettings, 'Workspace settings', settingsForm],
    [Action.openRoles, 'Manage roles', rolesForm],
  ]);

  app.view(
    View.settings,
    onSubmit(
      ctx,
      submitted(settingsOf, (r) => ctx.mentorship.updateSettings(r)),
      close,
      'Workspace settings',
    ),
  );

  app.view(
    View.roles,
    onSubmit(
      ctx,
      async (s) => {
        const user = s.state.user(Field.rolePerson);
        const target = await ctx.people.others(s.client, s.person.tenantId, user ? [user] : []);
        if (!target.ok) return target;
        const request = {
          actor: { personId: s.person.id },
          input: { personId: target.value[0] ?? '', role: s.state.selected(Field.role) },
          idempotencyKey: s.key,
        };
        return s.state.selected(Field.roleChange) === 'revoke'
          ? ctx.mentorship.revokeRole(request)
          : ctx.mentorship.grantRole(request);
      },
      close,
      'Manage roles',
    ),
  );
};
