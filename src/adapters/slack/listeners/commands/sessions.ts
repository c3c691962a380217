import { mySessions } from '../../../../core/sessions/index.js';
import { type Block, context, header, message } from '../../blocks/kit.js';
import { sessionBlocks } from '../../blocks/session.js';
import type { Register } from '../../context.js';
import { createSessionForm } from '../../flows/forms.js';
import { Command } from '../../ids.js';
import { onCommand, onCommandOpen } from './run.js';

/** `/create-session` opens the form; `/my-sessions` lists the person's sessions. */
export const registerSessionCommands: Register = (app, ctx) => {
  app.command(
    Command.CreateSession,
    onCommandOpen(ctx, 'Create session', (person, _text, src) =>
      createSessionForm(ctx, person, { src }),
    ),
  );

  app.command(
    Command.MySessions,
    onCommand(ctx, async (run) => {
      const result = await mySessions(ctx.core, {
        actor: { personId: run.person.id },
        input: { limit: 5 },
      });
      if (!result.ok) return run.reply(result.error.message);
      const { upcoming, live, completed } = result.value;
      const list = (title: string, cards: typeof upcoming): Block[] =>
        cards.length === 0
          ? []
          : [header(title), ...cards.flatMap((c) => sessionBlocks(c, { compact: true }))];
      const blocks = [
        ...list('Live', live),
        ...list('Upcoming', upcoming),
        ...list('Completed', completed),
      ];
      await run.reply(
        blocks.length === 0
          ? 'You have no sessions yet. Find a mentor with `/find-mentor`.'
          : message(
              `${live.length} live, ${upcoming.length} upcoming, ${completed.length} completed sessions`,
              [...blocks.slice(0, 48), context("All of them are also on the app's Home tab.")],
            ),
      );
    }),
  );
};
