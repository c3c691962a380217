import type { ActionKind } from '../../../../core/actions.js';
import { homeOffsets } from '../../../../core/home.js';
import type { Register } from '../../context.js';
import { Action, Command } from '../../ids.js';
import { message, section } from '../../kit.js';
import { type BuildModal, onCommand, onCommandOpen, onPress } from '../../listen.js';
import { pagesOf } from '../../pager.js';
import { menteeProfileForm, mentorProfileForm } from '../profiles/forms.js';
import { rolesForm, settingsForm } from '../settings/forms.js';
import { publishHome } from './publish.js';

/**
 * The commands help lists, each with the action (src/core/actions.ts) without which it is not
 * offered: a switched-off use case, or one of another role, is not in the person's help.
 */
const HELP: readonly { readonly line: string; readonly action?: ActionKind }[] = [
  {
    line: '• `/request-session [@mentor] [message]`: ask a mentor for a session',
    action: 'requestSession',
  },
  { line: '• `/find-mentor [text]`: find a mentor, see their profile and book a free time' },
  {
    line: '• `/find-mentees [interest]`: find mentees looking for a mentor',
    action: 'findMentees',
  },
  { line: '• `/create-session`: create and publish a session', action: 'createSession' },
  { line: '• `/my-sessions`: your upcoming, live and completed sessions' },
  { line: '• `/mentorbot profile`: your mentee profile' },
  {
    line: '• `/mentorbot mentor`: your mentor profile and availability',
    action: 'editMentorProfile',
  },
  { line: '• `/mentorbot settings`: the workspace settings', action: 'editSettings' },
  { line: '• `/mentorbot roles`: grant and remove roles', action: 'manageRoles' },
];

/** Help for a person: the commands their actions allow. */
export const helpText = (actions: readonly ActionKind[]) =>
  [
    '*mentorbot* brings mentoring into Slack.',
    ...HELP.filter((h) => h.action === undefined || actions.includes(h.action)).map((h) => h.line),
    "Everything is also on the app's *Home* tab.",
  ].join('\n');

/**
 * The App Home tab, rendered fresh for the person each time they open it (docs/product.md#app-home), and
 * `/mentorbot [help|profile|mentor|settings|roles]`, the way in to the forms on Home.
 */
export const registerHome: Register = (app, ctx) => {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const enterpriseId = (body as { enterprise_id?: string }).enterprise_id;
    const person = await ctx.people.actor(client, { teamId, enterpriseId, userId: event.user });
    if (!person.ok) {
      ctx.logger.warn({ code: person.error.code }, 'slack: could not identify a Home tab visitor');
      return;
    }
    await publishHome(ctx, client, person.value);
  });

  // *Next* / *Previous* under a list: the Home again, that list on the page asked for.
  for (const id of [Action.homeNext, Action.homePrevious]) {
    app.action(
      id,
      onPress(ctx, (p) =>
        publishHome(ctx, p.client, p.person, undefined, homeOffsets(pagesOf(p.value))),
      ),
    );
  }

  const forms: Record<string, { title: string; build: BuildModal<string> }> = {
    profile: { title: 'Mentee profile', build: (person) => menteeProfileForm(ctx, person) },
    mentor: { title: 'Mentor profile', build: (person) => mentorProfileForm(ctx, person) },
    availability: { title: 'Mentor profile', build: (person) => mentorProfileForm(ctx, person) },
    settings: { title: 'Workspace settings', build: (person) => settingsForm(ctx, person) },
    roles: { title: 'Manage roles', build: (person) => rolesForm(ctx, person) },
  };
  // Help lists what this person may do (the core's help query), so it is answered after the ack.
  const help = onCommand(ctx, async (run) => {
    const view = await ctx.mentorship.help({ actor: { personId: run.person.id } });
    if (!view.ok) return run.reply(view.error.message);
    await run.reply(message('mentorbot help', [section(helpText(view.value.actions))]));
  });
  app.command(Command.mentorbot, async (args) => {
    const word = args.command.text.trim().toLowerCase().split(/\s+/)[0] ?? '';
    const form = Object.hasOwn(forms, word) ? forms[word] : undefined;
    if (!form) return help(args);
    return onCommandOpen(ctx, form.title, form.build)(args);
  });
};
