import { type Activity, TurnContext as Turn, type TurnContext } from 'botbuilder';
import type { Person } from '../../core/people/person.js';
import type { IdentityInput } from '../../core/workspaces/install.js';
import { RecentArrivals } from '../arrival.js';
import { TRY_AGAIN } from '../forms/index.js';
import { answer, replyCard, type TeamsContext } from './context.js';
import { adminWelcomeCard } from './features/home/cards.js';
import { emailOfAccount, RosterEmails } from './roster.js';

const PERSON = 'mentorbot.person';
const LOCAL_TENANT = 'local';

/** The AAD tenant of the activity (Teams puts it in two places). */
export function tenantOf(activity: Partial<Activity>, authDisabled: boolean): string | undefined {
  const tenant =
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof tenant === 'string' && tenant.trim() !== '') return tenant.trim();
  // The Emulator sends no tenant; only a local, unauthenticated endpoint accepts that.
  return authDisabled ? LOCAL_TENANT : undefined;
}

/**
 * Who is acting (docs/product.md#person: tenant = AAD tenant id, user = AAD object id), or
 * undefined when the activity does not say (and then nothing is done for it). Names are cut to
 * what the core accepts rather than refused: a long Teams display name is not the person's
 * fault.
 */
export function identityOf(
  activity: Partial<Activity>,
  authDisabled: boolean,
): IdentityInput | undefined {
  const tenantId = tenantOf(activity, authDisabled);
  const from = activity.from;
  const userId = from?.aadObjectId ?? (authDisabled ? from?.id : undefined);
  if (!tenantId || !userId || tenantId.length > 64 || userId.length > 128) return undefined;
  const name = (from?.name ?? '').trim().slice(0, 120) || 'Teams user';
  // Teams' own activities carry no address; local tools (the Agents Playground) may.
  const email = emailOfAccount(from);
  return {
    platform: 'teams',
    tenantId,
    userId,
    displayName: name,
    ...(email ? { email } : {}),
    // Local tools (the Agents Playground, Bot Framework Emulator: no app id) report their
    // machine's zone for whoever they act as: it only starts a new person's zone, and never
    // replaces one the person has (the demo people's, seeded).
    ...(activity.localTimezone
      ? authDisabled
        ? { fallbackTimeZone: activity.localTimezone }
        : { timeZone: activity.localTimezone }
      : {}),
  };
}

export const personOf = (context: TurnContext): Person | undefined => context.turnState.get(PERSON);

/** The workspace a Teams tenant becomes when its first person talks to the bot. */
export const workspaceNameOf = (tenantId: string) => `Microsoft Teams ${tenantId}`;

/**
 * How a tenant is installed (docs/product.md#installation): with TEAMS_ADMIN_AAD_IDS the listed
 * people are the admins and installing makes nobody one; without, the first installer is.
 */
export const installOf = (ctx: Pick<TeamsContext, 'adminIds'>, tenantId: string) => ({
  workspaceName: workspaceNameOf(tenantId),
  installerBecomesAdmin: ctx.adminIds.length === 0,
});

/**
 * Runs before every route: the person arrives (created on first sight, name and zone
 * refreshed; a personal-scope bot's workspace is installed by the person talking to it),
 * through the recently-seen cache, and their personal chat's reference is stored for
 * proactive DMs. Answers and stops the turn when that fails (the database is down).
 */
export function createBeforeTurn(ctx: TeamsContext) {
  const arrivals = new RecentArrivals(ctx.mentorship, { clock: ctx.clock });
  const roster = new RosterEmails(ctx.logger);
  return async (context: TurnContext): Promise<boolean> => {
    const told = identityOf(context.activity, ctx.authDisabled);
    if (!told) return true; // handlers answer "we could not tell who you are"
    const rosterKey = `${told.tenantId}:${told.userId}`;
    const known = told.email ?? roster.known(rosterKey);
    const identity = known ? { ...told, email: known } : told;
    try {
      const arriving = (who: IdentityInput) =>
        arrivals.arrive({
          identity: who,
          install: installOf(ctx, who.tenantId),
          configuredAdmin: ctx.adminIds.includes(who.userId),
        });
      const arrived = await arriving(identity);
      if (!arrived.ok) {
        ctx.logger.warn({ code: arrived.error.code }, 'teams: could not identify the person');
        await answer(context, arrived.error.message);
        return false;
      }
      if (!arrived.value.installed) return true; // not reached: arriving installs
      let { person } = arrived.value;
      // An address not known yet is asked of the roster (once), and kept with the person.
      if (!identity.email && !person.email) {
        const email = await roster.lookUp(context, rosterKey);
        const again = email ? await arriving({ ...identity, email }) : undefined;
        if (again?.ok && again.value.installed) person = again.value.person;
      }
      context.turnState.set(PERSON, person);
      // The first installer of a tenant without configured admins is its admin: say so once,
      // and how to hand it over, with the buttons the core gives an admin.
      if (arrived.value.newWorkspace && ctx.adminIds.length === 0) {
        const help = await ctx.mentorship.help({ actor: { personId: person.id } });
        if (help.ok && help.value.admin) {
          // A card that cannot be sent must not fail the turn that installed the workspace.
          await replyCard(context, adminWelcomeCard(help.value.actions)).catch((err: unknown) =>
            ctx.logger.warn({ err }, 'teams: could not tell the installer they are admin'),
          );
        }
      }
      const kind = context.activity.conversation?.conversationType;
      if (kind === undefined || kind === 'personal') {
        await ctx.conversations.save(
          person.id,
          person.workspaceId,
          Turn.getConversationReference(context.activity),
          context.activity.localTimezone,
          ctx.clock.now(),
        );
      }
      return true;
    } catch (err) {
      ctx.logger.warn({ err }, 'teams: could not identify the person');
      await answer(context, TRY_AGAIN);
      return false;
    }
  };
}
