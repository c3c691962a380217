import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { findMentors } from '../../../core/people/find-mentors.js';
import { getMentorProfile } from '../../../core/people/mentor-profile.js';
import { getMyProfile } from '../../../core/people/my-profile.js';
import { searchMentees } from '../../../core/people/search-mentees.js';
import { incomingRequests, myMentorshipRequests } from '../../../core/requests/list-requests.js';
import { mySessions } from '../../../core/sessions/index.js';
import { helpCard, mySessionsCard, openFormCard } from '../cards/lists.js';
import {
  menteeSearchCard,
  mentorListCard,
  mentorProfileCard,
  myProfileCard,
} from '../cards/profile.js';
import { incomingRequestsCard, myRequestsCard } from '../cards/requests.js';
import { COMMANDS, DialogVerb, ShowVerb } from '../ids.js';
import { answer, personOf, replyCard, SORRY, type TeamsDeps } from './turn.js';

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim().slice(0, 100) : '');

/**
 * What a person can look at: typed commands and the card buttons that only show
 * something (Action.Submit). Each calls one query and replies with a new card.
 */
export function showHandlers(deps: TeamsDeps) {
  const { core } = deps;
  const show: Record<string, (context: TurnContext, data: Data) => Promise<void>> = {
    async [ShowVerb.help](context) {
      await replyCard(context, helpCard());
    },
    async [ShowVerb.findMentors](context, data) {
      const text = str(data.text);
      const person = personOf(context);
      if (!person) return;
      const found = await findMentors(core, {
        actor: { personId: person.id },
        input: text ? { text, limit: 20 } : { limit: 20 },
      });
      if (!found.ok) return answer(context, found.error.message);
      await replyCard(context, mentorListCard(found.value.mentors, text || undefined));
    },
    async [ShowVerb.findMentees](context, data) {
      const text = str(data.text);
      const person = personOf(context);
      if (!person) return;
      const found = await searchMentees(core, {
        actor: { personId: person.id },
        input: text ? { text, limit: 20 } : { limit: 20 },
      });
      if (!found.ok) return answer(context, found.error.message);
      await replyCard(context, menteeSearchCard(found.value.results, text || undefined));
    },
    async [ShowVerb.mySessions](context) {
      const person = personOf(context);
      if (!person) return;
      const sessions = await mySessions(core, { actor: { personId: person.id }, input: {} });
      if (!sessions.ok) return answer(context, sessions.error.message);
      await replyCard(context, mySessionsCard(sessions.value));
    },
    async [ShowVerb.myRequests](context) {
      const person = personOf(context);
      if (!person) return;
      const list = await myMentorshipRequests(core, { actor: { personId: person.id } });
      if (!list.ok) return answer(context, list.error.message);
      await replyCard(context, myRequestsCard(list.value.requests));
    },
    async [ShowVerb.incomingRequests](context) {
      const person = personOf(context);
      if (!person) return;
      const list = await incomingRequests(core, { actor: { personId: person.id } });
      if (!list.ok) return answer(context, list.error.message);
      await replyCard(context, incomingRequestsCard(list.value.requests));
    },
    async [ShowVerb.myProfile](context) {
      const person = personOf(context);
      if (!person) return;
      const profile = await getMyProfile(core, { actor: { personId: person.id } });
      if (!profile.ok) return answer(context, profile.error.message);
      await replyCard(context, myProfileCard(profile.value));
    },
    async [ShowVerb.mentorProfile](context, data) {
      const person = personOf(context);
      if (!person) return;
      const profile = await getMentorProfile(core, {
        actor: { personId: person.id },
        input: { mentorId: str(data.mentorId) },
      });
      if (!profile.ok) return answer(context, profile.error.message);
      await replyCard(context, mentorProfileCard(profile.value));
    },
  };
  return show;
}

/** Typed commands: the first matching command name, then its argument. */
export function parseCommand(text: string): { command: string; argument: string } | undefined {
  const normalized = text.replace(/\s+/g, ' ').trim().replace(/^\//, '');
  const lower = normalized.toLowerCase();
  for (const { command } of COMMANDS) {
    if (lower === command || lower.startsWith(`${command} `)) {
      return { command, argument: normalized.slice(command.length).trim() };
    }
  }
  return undefined;
}

export function registerShow(app: Application, deps: TeamsDeps): void {
  const show = showHandlers(deps);
  const run = async (context: TurnContext, verb: string, data: Data) => {
    const handler = show[verb];
    if (!personOf(context)) {
      await context.sendActivity(
        'Sorry, I could not tell who you are. Open mentorbot from Teams and try again.',
      );
      return;
    }
    try {
      if (handler) await handler(context, data);
      else await replyCard(context, helpCard());
    } catch (err) {
      deps.logger.error({ err, verb }, 'teams: show handler failed');
      await answer(context, SORRY);
    }
  };

  // Card buttons that only show something (Action.Submit with a verb).
  app.adaptiveCards.actionSubmit(Object.values(ShowVerb), async (context, _state, data: Data) => {
    await run(context, String(data.verb), data);
  });

  // Typed commands, and help for anything else that is text.
  app.activity('message', async (context) => {
    const text = context.activity.text ?? '';
    const parsed = parseCommand(text);
    if (!parsed) {
      await run(context, ShowVerb.help, {});
      return;
    }
    const entry = COMMANDS.find((c) => c.command === parsed.command);
    switch (parsed.command) {
      case 'request session':
        return replyCard(
          context,
          openFormCard(
            'Ask a mentor for a session.',
            'Request a session',
            DialogVerb.requestSession,
            {
              mentorQuery: parsed.argument.slice(0, 100),
            },
          ),
        ).then(() => undefined);
      case 'create session':
        return replyCard(
          context,
          openFormCard('Create a mentoring session.', 'Create session', DialogVerb.createSession),
        ).then(() => undefined);
      case 'settings':
        return replyCard(
          context,
          openFormCard('Workspace settings (admins only).', 'Open settings', DialogVerb.settings),
        ).then(() => undefined);
      default:
        return run(context, entry?.show ?? ShowVerb.help, { text: parsed.argument });
    }
  });
}
