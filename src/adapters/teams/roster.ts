import { ActivityTypes, TeamsInfo, type TurnContext } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { Logger } from '../../logger.js';

/**
 * People's e-mail addresses as Teams knows them (docs/product.md#mentee-list): Teams puts none
 * on an activity, but the conversation's roster (`TeamsInfo.getMember`) has the account's
 * `email`, or its `userPrincipalName`, which in an organisation is the sign-in address. The
 * bot asks once per person while this process runs, and only on activities answered before
 * their turn runs (messages, installs), never on a button press waiting for its answer.
 */

/** An address as the core takes it (identitySchema): anything else would refuse the person. */
const ADDRESS = z.email();

/**
 * The e-mail of a Teams account: `email`, else a `userPrincipalName` that is an address.
 * A guest's UPN (`ann_example.com#EXT#@contoso.onmicrosoft.com`) reaches nobody: not taken.
 */
export function emailOfAccount(account: unknown): string | undefined {
  if (typeof account !== 'object' || account === null) return undefined;
  const { email, userPrincipalName } = account as Record<string, unknown>;
  for (const candidate of [email, userPrincipalName]) {
    if (typeof candidate !== 'string') continue;
    const address = candidate.trim();
    if (!address.includes('#EXT#') && ADDRESS.safeParse(address).success) return address;
  }
  return undefined;
}

export class RosterEmails {
  /** Per person: the address the roster gave, or null once asked without one. */
  private readonly asked = new LRUCache<string, string | { none: true }>({ max: 50_000 });

  constructor(private readonly logger: Logger) {}

  /** What the roster said of `personKey` in this process, if it was asked. */
  known(personKey: string): string | undefined {
    const value = this.asked.get(personKey);
    return typeof value === 'string' ? value : undefined;
  }

  /**
   * The person's address from the roster, asked at most once per person (a failure counts:
   * the next start asks again); undefined when there is none or it may not be asked now.
   */
  async lookUp(context: TurnContext, personKey: string): Promise<string | undefined> {
    if (this.asked.has(personKey)) return this.known(personKey);
    if (context.activity.type === ActivityTypes.Invoke) return undefined;
    const member = context.activity.from?.id;
    if (!member) return undefined;
    this.asked.set(personKey, { none: true });
    try {
      const address = emailOfAccount(await TeamsInfo.getMember(context, member));
      if (address) this.asked.set(personKey, address);
      return address;
    } catch (err) {
      this.logger.info({ err }, 'teams: could not read the roster for an e-mail');
      return undefined;
    }
  }
}
