import { message, section } from '../../blocks/kit.js';
import type { Register } from '../../context.js';
import {
  menteeProfileForm,
  mentorProfileForm,
  rolesForm,
  settingsForm,
} from '../../flows/forms.js';
import { Command } from '../../ids.js';
import { onCommandOpen } from './run.js';

export const HELP = [
  '*mentorbot* brings mentoring into Slack.',
  '• `/request-session [@mentor] [message]`: ask a mentor for a session',
  '• `/find-mentor [text]`: find a mentor, see their profile and book a free time',
  '• `/find-mentees [interest]`: (mentors) find mentees looking for a mentor',
  '• `/create-session`: (mentors) create and publish a session',
  '• `/my-sessions`: your upcoming, live and completed sessions',
  '• `/mentorbot profile` · `/mentorbot mentor` · `/mentorbot settings` · `/mentorbot roles`',
  "Everything is also on the app's *Home* tab.",
].join('\n');

const FORMS = {
  profile: { title: 'Mentee profile', build: menteeProfileForm },
  mentor: { title: 'Mentor profile', build: mentorProfileForm },
  availability: { title: 'Mentor profile', build: mentorProfileForm },
  settings: { title: 'Workspace settings', build: settingsForm },
  roles: { title: 'Manage roles', build: rolesForm },
} as const;

/** `/mentorbot [help|profile|mentor|settings|roles]`. */
export const registerMentorbot: Register = (app, ctx) => {
  app.command(Command.Mentorbot, async (args) => {
    const word = args.command.text.trim().toLowerCase().split(/\s+/)[0] ?? '';
    const form = FORMS[word as keyof typeof FORMS];
    if (!form) {
      await args.ack({ response_type: 'ephemeral', ...message('mentorbot help', [section(HELP)]) });
      return;
    }
    return onCommandOpen(ctx, form.title, (person) => form.build(ctx, person))(args);
  });
};
