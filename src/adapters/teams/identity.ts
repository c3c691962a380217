import { type Activity, TurnContext as Turn, type TurnContext } from 'botbuilder';
import { DomainError, tryAgain } from '../../core/errors.js';
import type { Person } from '../../core/people/person.js';
import { workspaceIdOf } from '../../core/people/person.js';
import type { CoreDeps } from '../../core/usecase.js';
import { type IdentityInput, identify, installWorkspace } from '../../core/workspaces/install.js';
import { answer, type TeamsContext } from './context.js';

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
  return {
    platform: 'teams',
    tenantId,
    userId,
    displayName: name,
    ...(activity.localTimezone ? { timeZone: activity.localTimezone } : {}),
  };
}

export const personOf = (context: TurnContext): Person | undefined => context.turnState.get(PERSON);

/**
 * `identify` on every activity, without writing the same identity again and again: a person
 * seen with the same name and zone within the last minute is taken from memory. Use cases
 * load the actor from the database themselves, so this copy only feeds rendering choices.
 */
class RecentPeople {
  private readonly seen = new Map<string, { key: string; person: Person; at: number }>();
  private static readonly TTL_MS = 60_000;
  private static readonly LIMIT = 50_000;

  constructor(private readonly core: CoreDeps) {}

  async identify(identity: IdentityInput): Promise<Person> {
    const id = `${identity.tenantId}:${identity.userId}`;
    const key = JSON.stringify([
      identity.displayName,
      identity.timeZone ?? '',
      identity.email ?? '',
    ]);
    const now = this.core.clock.now().getTime();
    const hit = this.seen.get(id);
    if (hit && hit.key === key && now - hit.at < RecentPeople.TTL_MS) return hit.person;
    const person = await identify(this.core, identity);
    if (!person.ok) throw person.error;
    if (this.seen.size >= RecentPeople.LIMIT) this.seen.clear();
    this.seen.set(id, { key, person: person.value, at: now });
    return person.value;
  }
}

/**
 * Runs before every route: identifies the person (created on first sight, name and zone
 * refreshed), installs the workspace if nobody did yet (a personal-scope bot is installed
 * by the person talking to it), and stores the conversation reference for proactive DMs.
 * Answers and stops the turn when the database is down.
 */
export function createBeforeTurn(deps: TeamsContext) {
  const knownWorkspaces = new Set<string>();
  const people = new RecentPeople(deps.core);
  return async (context: TurnContext): Promise<boolean> => {
    const identity = identityOf(context.activity, deps.authDisabled);
    if (!identity) return true; // handlers answer "we could not tell who you are"
    try {
      const workspaceId = workspaceIdOf('teams', identity.tenantId);
      if (!knownWorkspaces.has(workspaceId)) {
        if (!(await deps.core.workspaces.get(workspaceId))) {
          const installed = await installWorkspace(deps.core, {
            installer: identity,
            workspaceName: `Microsoft Teams ${identity.tenantId}`,
          });
          if (!installed.ok) throw installed.error;
        }
        knownWorkspaces.add(workspaceId);
      }
      const person = await people.identify(identity);
      context.turnState.set(PERSON, person);
      const reference = Turn.getConversationReference(context.activity);
      const kind = context.activity.conversation?.conversationType;
      if (kind === undefined || kind === 'personal') {
        await deps.conversations.save(
          person.id,
          person.workspaceId,
          reference,
          context.activity.localTimezone,
          deps.core.clock.now(),
        );
      }
      return true;
    } catch (err) {
      deps.logger.warn({ err }, 'teams: could not identify the person');
      await answer(context, err instanceof DomainError ? err.message : tryAgain().message);
      return false;
    }
  };
}
