import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The interaction being worked (a Slack request, a Teams activity), carried through the
 * asynchronous work it starts without being passed along:
 * - `lane`: whose it is (platform, tenant, user). Work after the answer runs one piece at a
 *   time per lane, in the order the interactions came, so one person's clicks are applied in
 *   the order received (after-ack.ts);
 * - `key`: its inbox entry, when it was recorded before the answer. The command that records
 *   its idempotency key marks that entry done in the same transaction (mongo/inbox.repository);
 * - `work`: what it started to run after the answer, so the inbox can mark it done once all
 *   of it ended, whichever way the platform adapter answered;
 * - `faulted`: the database failed during its work (the person was told to try again): it
 *   stays in the inbox and is worked again once the database answers;
 * - `ready`: what must happen before its work starts (the person's earlier interactions
 *   that another instance left behind: inbox.ts).
 */
export interface Interaction {
  readonly lane: string | undefined;
  readonly key: string | undefined;
  readonly work: Promise<unknown>[];
  faulted: boolean;
  ready?: () => Promise<void>;
}

const current = new AsyncLocalStorage<Interaction>();

export const newInteraction = (lane: string | undefined, key?: string): Interaction => ({
  lane,
  key,
  work: [],
  faulted: false,
});

export const withInteraction = <T>(interaction: Interaction, run: () => T): T =>
  current.run(interaction, run);

export const currentInteraction = (): Interaction | undefined => current.getStore();

/** Waits for everything the interaction started after its answer (failures included). */
export async function settledWork(interaction: Interaction): Promise<void> {
  // Work may start more work while it runs: wait until the list stops growing.
  let seen = 0;
  while (seen < interaction.work.length) {
    const batch = interaction.work.slice(seen);
    seen = interaction.work.length;
    await Promise.allSettled(batch);
  }
}

/** The database failed while the current interaction was being worked. */
export function noteDatabaseFault(): void {
  const interaction = current.getStore();
  if (interaction) interaction.faulted = true;
}
