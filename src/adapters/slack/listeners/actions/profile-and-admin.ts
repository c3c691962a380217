import { findMentors } from '../../../../core/people/find-mentors.js';
import { searchMentees } from '../../../../core/people/search-mentees.js';
import { modal } from '../../blocks/kit.js';
import { menteeResults, mentorList } from '../../blocks/people.js';
import type { Register } from '../../context.js';
import {
  featureCheck,
  menteeProfileForm,
  mentorProfileForm,
  rolesForm,
  settingsForm,
} from '../../flows/forms.js';
import { Action, View } from '../../ids.js';
import { onPressOpen } from '../run.js';

/** App Home buttons: profiles, admin settings and roles, and the two searches. */
export const registerProfileAndAdmin: Register = (app, ctx) => {
  app.action(
    Action.EditMenteeProfile,
    onPressOpen(ctx, 'Mentee profile', (person) => menteeProfileForm(ctx, person)),
  );
  app.action(
    Action.EditMentorProfile,
    onPressOpen(ctx, 'Mentor profile', (person) => mentorProfileForm(ctx, person)),
  );
  app.action(
    Action.OpenSettings,
    onPressOpen(ctx, 'Workspace settings', (person) => settingsForm(ctx, person)),
  );
  app.action(
    Action.OpenRoles,
    onPressOpen(ctx, 'Manage roles', (person) => rolesForm(ctx, person)),
  );

  app.action(
    Action.FindMentor,
    onPressOpen(ctx, 'Find a mentor', async (person) => {
      const found = await findMentors(ctx.core, { actor: { personId: person.id } });
      if (!found.ok) return found.error;
      const canRequest = !(await featureCheck(ctx, person, 'menteeRequests'));
      return modal({
        callbackId: View.Notice,
        title: 'Find a mentor',
        blocks: mentorList(found.value.mentors, canRequest).blocks,
      });
    }),
  );

  app.action(
    Action.FindMentees,
    onPressOpen(ctx, 'Find mentees', async (person) => {
      const found = await searchMentees(ctx.core, { actor: { personId: person.id } });
      if (!found.ok) return found.error;
      return modal({
        callbackId: View.Notice,
        title: 'Find mentees',
        blocks: menteeResults(found.value.results).blocks,
      });
    }),
  );
};
