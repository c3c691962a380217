import { findMentors } from '../../../../core/people/find-mentors.js';
import { option } from '../../blocks/kit.js';
import type { SlackContext } from '../../context.js';
import { Action } from '../../ids.js';
import { refOfInteraction } from '../../interaction.js';
import type { SlackRouter } from '../../router.js';

/** The mentor picker of the request modal: options served as the person types (max 100). */
export function register(app: SlackRouter, ctx: SlackContext): void {
  app.options(Action.MentorPicker, async ({ ack, body, client }) => {
    const person = await ctx.people.actor(client, refOfInteraction(body as never));
    const text = typeof body.value === 'string' ? body.value.trim().slice(0, 100) : '';
    const found = person.ok
      ? await findMentors(ctx.core, {
          actor: { personId: person.value.id },
          input: text ? { text } : {},
        })
      : undefined;
    const mentors = found?.ok ? found.value.mentors : [];
    await ack({
      options: mentors.map((m) =>
        option(m.headline ? `${m.mentor.name} · ${m.headline}` : m.mentor.name, m.mentor.id),
      ),
    });
  });
}
