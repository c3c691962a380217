import { type Activity, ActivityTypes, TurnContext as Turn, type TurnContext } from 'botbuilder';
import { DomainError, tryAgain } from '../../../core/errors.js';
import type { Person } from '../../../core/people/person.js';
import { workspaceIdOf } from '../../../core/people/person.js';
import type { CoreDeps } from '../../../core/usecase.js';
import {
  type IdentityInput,
  identify,
  installWorkspace,
} from '../../../core/workspaces/install.js';
import type { Logger } from '../../../logger.js';
import type { DownloadLinks } from '../../downloads.js';
import type { AdaptiveCard } from '../cards/elements.js';
import { attachment } from '../cards/elements.js';
import type { ConversationStore } from '../conversations.js';
import type { LateReplies } from '../replies.js';

/** What every handler needs; built once by the adapter. */
export interface TeamsDeps {
  readonly core: CoreDeps;
  readonly conversations: ConversationStore;
  readonly downloads: DownloadLinks;
  readonly logger: Logger;
  /** Outcomes of card buttons, delivered after Teams had its answer. */
  readonly replies: LateReplies;
  /** No app id configured: local traffic (Bot Framework Emulator) without a tenant. */
  readonly authDisabled: boolean;
}

const PERSON = 'mentorbot.person';
const LOCAL_TENANT = 'local';

export const SORRY =
  'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.';

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
 * The delivery id of the activity: Teams sends a retried delivery with the same id, so a
 * command keyed by it runs once however often it arrives.
 */
export const idempotencyKeyOf = (context: TurnContext): string | undefined =>
  context.activity.id ? `teams:${context.activity.id}` : undefined;

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

/** Answers an activity with one sentence, in the shape its kind needs. */
export async function answer(context: TurnContext, message: string): Promise<void> {
  const a = context.activity;
  if (a.type !== ActivityTypes.Invoke) {
    await context.sendActivity(message);
    return;
  }
  const body =
    a.name === 'adaptiveCard/action'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message }
      : a.name?.startsWith('task/')
        ? { task: { type: 'message', value: message } }
        : undefined;
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

export const replyCard = (context: TurnContext, content: AdaptiveCard) =>
  context.sendActivity({ type: ActivityTypes.Message, attachments: [attachment(content)] });

/**
 * Runs before every route: identifies the person (created on first sight, name and zone
 * refreshed), installs the workspace if nobody did yet (a personal-scope bot is installed
 * by the person talking to it), and stores the conversation reference for proactive DMs.
 * Answers and stops the turn when the database is down.
 */
export function createBeforeTurn(deps: TeamsDeps) {
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
