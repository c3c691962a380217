import { findMentors } from '../../../../core/people/find-mentors.js';
import { searchMentees } from '../../../../core/people/search-mentees.js';
import { menteeResults, mentorList } from '../../blocks/people.js';
import type { Register } from '../../context.js';
import { featureCheck } from '../../flows/forms.js';
import { Command } from '../../ids.js';
import { onCommand } from './run.js';

/**
 * `/find-mentor [text]` and `/find-mentees [interest or text]`
 * (docs/product.md#mentee-profile-and-search).
 */
export const registerSearchCommands: Register = (app, ctx) => {
  app.command(
    Command.FindMentor,
    onCommand(ctx, async (run) => {
      const found = await findMentors(ctx.core, {
        actor: { personId: run.person.id },
        input: run.text ? { text: run.text } : {},
      });
      if (!found.ok) return run.reply(found.error.message);
      const canRequest = !(await featureCheck(ctx, run.person, 'menteeRequests'));
      await run.reply(mentorList(found.value.mentors, canRequest));
    }),
  );

  app.command(
    Command.FindMentees,
    onCommand(ctx, async (run) => {
      const found = await searchMentees(ctx.core, {
        actor: { personId: run.person.id },
        input: run.text ? { text: run.text } : {},
      });
      await run.reply(found.ok ? menteeResults(found.value.results) : found.error.message);
    }),
  );
};
