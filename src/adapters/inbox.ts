import { createHash } from 'node:crypto';
import type { Logger } from '../logger.js';
import { type Interaction, newInteraction, settledWork, withInteraction } from './interaction.js';
import type { InboxEntry, MongoInbox } from './mongo/inbox.repository.js';

/** Works a recorded interaction again from its payload (its answer went out long ago). */
export type Replay = (payload: string) => Promise<unknown>;

export interface DurableInboxOptions {
  /** How long this process counts as alive (holding its interactions) after a heartbeat. */
  readonly leaseMs: number;
  /** How often it renews its heartbeat. */
  readonly renewEveryMs: number;
  /** How often it looks for interactions whose owner is gone (a crashed instance's). */
  readonly pollEveryMs: number;
  /** Longest an answer waits for its record; past it the person is asked to try again. */
  readonly recordWithinMs: number;
  /** When work failed because the database did, it is tried again this much later. */
  readonly retryAfterMs: number;
  /** Attempts after which an interaction whose work keeps throwing is given up (logged). */
  readonly maxAttempts: number;
}

/**
 * The key an interaction is stored under: as it is, or its hash when it is long (a key
 * carries a button's value, which a hostile request can make 200 KB; stored as `_id` it
 * would sit in memory and in the index).
 */
const storedKey = (key: string | undefined) =>
  key && key.length > 256 ? `sha256:${createHash('sha256').update(key).digest('hex')}` : key;

/** What an adapter knows of an interaction before answering it. */
export interface Accepted {
  readonly platform: InboxEntry['platform'];
  /** Its idempotency key; none for what has no work after its answer. */
  readonly key: string | undefined;
  readonly lane: string | undefined;
  readonly payload: () => string;
}

/**
 * "Answered means kept": adapters record each accepted interaction before answering it
 * (`accept`), work it as before (`work`), and it is marked done when its command commits
 * (mongo/idempotency.repository) or, for what runs no command, once its work ended. This
 * process keeps a heartbeat; what another process (or this one before a restart) left
 * behind is claimed once that process is gone and worked again, oldest first,
 * one person's interactions one after another.
 */
export class DurableInbox {
  private readonly replays = new Map<InboxEntry['platform'], Replay>();
  private readonly running = new Set<Promise<void>>();
  /** The interactions this process is working now: when each will have ended. */
  private readonly inProgress = new Map<string, Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: MongoInbox,
    private readonly log: Logger,
    private readonly options: DurableInboxOptions,
  ) {}

  /** An adapter says how to work its platform's interactions again. */
  register(platform: InboxEntry['platform'], replay: Replay): void {
    this.replays.set(platform, replay);
  }

  /**
   * Records an interaction before its answer. Its `Interaction` to work it in, or undefined
   * when the database did not take it in time: the person is then asked to try again, and
   * the record, should it land later, is abandoned (never worked).
   */
  async accept(accepted: Accepted): Promise<Interaction | undefined> {
    const { lane } = accepted;
    const key = storedKey(accepted.key);
    if (!key) return newInteraction(lane);
    const receivedAt = new Date();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.options.recordWithinMs);
    });
    try {
      const outcome = await Promise.race([
        this.store.record({
          _id: key,
          platform: accepted.platform,
          lane,
          payload: accepted.payload(),
          receivedAt,
        }),
        late,
      ]);
      if (outcome === 'recorded') return this.inOrder(newInteraction(lane, key), receivedAt);
      // A retry or a second click of one already recorded: worked as before (its command
      // answers from its idempotency record), but it is the first one's entry that counts.
      if (outcome === 'duplicate') return newInteraction(lane);
      this.log.warn({ key }, 'inbox: the database did not record an interaction in time');
    } catch (err) {
      this.log.warn({ err, key }, 'inbox: could not record an interaction');
    } finally {
      clearTimeout(timer);
    }
    this.abandon(key);
    return undefined;
  }

  /**
   * Runs an interaction's processing in its context and returns what it returns; once the
   * work it started after its answer ended, its entry is done (or, when the database failed
   * under it, left to be worked again).
   */
  work<T>(interaction: Interaction, process: () => Promise<T>): Promise<T> {
    const key = interaction.key;
    const processed = withInteraction(interaction, process);
    if (key) {
      const finished = this.finish(interaction, processed);
      this.running.add(finished);
      this.inProgress.set(key, finished);
      finished.finally(() => {
        this.running.delete(finished);
        this.inProgress.delete(key);
      });
    }
    return processed;
  }

  private async finish(interaction: Interaction, processed: Promise<unknown>): Promise<void> {
    const key = interaction.key as string;
    const threw = await processed.then(
      () => undefined,
      (err: unknown) => ({ err }),
    );
    await settledWork(interaction);
    try {
      if (interaction.faulted) {
        await this.store.retryLater(key, this.options.retryAfterMs);
        this.log.warn({ key }, 'inbox: the database failed during an interaction; retried later');
        this.poke(this.options.retryAfterMs);
      } else {
        if (threw) this.log.error({ key, ...threw }, 'inbox: an interaction failed; not retried');
        await this.store.done(key);
      }
    } catch (err) {
      // Left pending: the sweep finds it and it is worked again (once, by its keys).
      this.log.warn({ err, key }, 'inbox: could not mark an interaction done');
    }
  }

  /**
   * One person's interactions are applied in the order received, across instances too: before
   * this one's work starts, their earlier ones that another instance left (it died, or
   * stopped with work undone) are claimed and worked first, here; one a live instance still
   * works is waited for (at most two leases).
   */
  private inOrder(interaction: Interaction, receivedAt: Date): Interaction {
    const lane = interaction.lane;
    if (!lane) return interaction;
    let once: Promise<void> | undefined;
    interaction.ready = () => {
      once ??= this.earlierFirst(lane, receivedAt).catch((err: unknown) => {
        this.log.warn({ err, lane }, 'inbox: could not look for earlier interactions');
      });
      return once;
    };
    return interaction;
  }

  private async earlierFirst(lane: string, receivedAt: Date): Promise<void> {
    // Most often no other instance holds any: one question for a whole burst, and this
    // process's own earlier interactions are ahead in the lane already (after-ack.ts: the
    // answers come back in the order asked, so the lane is taken in the order received).
    if (!(await this.store.heldElsewhereInLane(lane, receivedAt))) return;
    const giveUpAt = Date.now() + 2 * this.options.leaseMs;
    for (;;) {
      const [oldest] = await this.store.olderInLane(lane, receivedAt);
      if (!oldest) return;
      if (oldest.owner === this.store.owner) {
        // Worked here already (a click before, or one the sweep took over): it ends first.
        const ending = this.inProgress.get(oldest._id);
        if (ending) await ending;
        else {
          const lost = await this.store.take(oldest);
          if (lost) await this.workAgain(lost);
        }
        continue;
      }
      const claimed = await this.store.claim(oldest._id);
      if (claimed) {
        await this.workAgain(claimed);
        continue;
      }
      if (Date.now() > giveUpAt || this.stopped) {
        this.log.warn({ lane, key: oldest._id }, 'inbox: an earlier interaction is still held');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Tombstones a record that may still land, retrying while the database is away. */
  private abandon(key: string): void {
    const attempt = (left: number) => {
      this.store.abandon(key).catch((err: unknown) => {
        if (left <= 0 || this.stopped) {
          this.log.error({ err, key }, 'inbox: could not abandon an unrecorded interaction');
          return;
        }
        setTimeout(() => attempt(left - 1), 500).unref();
      });
    };
    attempt(120);
  }

  /** Starts the heartbeat (the first one before anything is recorded) and the sweeps. */
  async start(): Promise<void> {
    await this.store.heartbeat();
    const every = (ms: number, task: () => Promise<void>) => {
      const timer = setInterval(() => {
        task().catch((err: unknown) => this.log.warn({ err }, 'inbox: background task failed'));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.options.renewEveryMs, () => this.store.heartbeat());
    every(this.options.pollEveryMs, () => this.sweep());
    // Whatever a previous run released is picked up now, not one poll later.
    this.poke(0);
  }

  private poke(afterMs: number): void {
    setTimeout(() => {
      if (!this.stopped) this.sweep().catch(() => {});
    }, afterMs).unref();
  }

  /** Works every interaction whose owner is gone, until none is left. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .catch((err: unknown) => this.log.warn({ err }, 'inbox: sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    // Rounds of 50 until none is left; bounded, so that entries that cannot be worked now
    // (the database failing under them) wait for the next sweep instead of spinning.
    for (let round = 0; round < 40 && !this.stopped; round++) {
      const entries = [...(await this.lostHere()), ...(await this.store.claimOrphaned(50))];
      if (entries.length === 0) return;
      entries.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
      // One person's interactions one after another, in the order received; people apart.
      const lanes = new Map<string, InboxEntry[]>();
      for (const entry of entries) {
        const lane = entry.lane ?? entry._id;
        lanes.set(lane, [...(lanes.get(lane) ?? []), entry]);
      }
      await Promise.all(
        [...lanes.values()].map(async (inLane) => {
          for (const entry of inLane) if (!this.stopped) await this.workAgain(entry);
        }),
      );
    }
  }

  /**
   * This process's own entries that nothing here works any more (marking one done failed),
   * received more than a lease ago.
   */
  private async lostHere(): Promise<InboxEntry[]> {
    const since = new Date(Date.now() - this.options.leaseMs);
    const held = await this.store.heldSince(since, 50);
    const lost = held.filter((entry) => !this.inProgress.has(entry._id));
    const taken = await Promise.all(lost.map((entry) => this.store.take(entry)));
    return taken.filter((entry) => entry !== null);
  }

  private async workAgain(entry: InboxEntry): Promise<void> {
    const replay = this.replays.get(entry.platform);
    if (!replay || entry.payload === undefined) {
      // That platform is not served here: handed back for an instance that serves it.
      await this.store.retryLater(entry._id, this.options.pollEveryMs);
      return;
    }
    const interaction = this.inOrder(newInteraction(entry.lane, entry._id), entry.receivedAt);
    const giveUp = entry.attempts > this.options.maxAttempts;
    if (giveUp) {
      this.log.error({ key: entry._id, attempts: entry.attempts }, 'inbox: given up');
      await this.store.done(entry._id);
      return;
    }
    const processed = this.work(interaction, () => replay(entry.payload as string));
    await processed.catch(() => {});
    await settledWork(interaction);
    this.log.info({ key: entry._id, attempts: entry.attempts }, 'inbox: interaction worked again');
  }

  /**
   * Stops the heartbeat and the sweeps, then hands back what this process holds: what it
   * did not finish in its shutdown budget is taken over at once by the next instance.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.store.release().catch((err: unknown) => {
      this.log.warn({ err }, 'inbox: could not hand back its interactions');
    });
  }

  /** How many interactions wait to be worked, here or anywhere. */
  pending(): Promise<number> {
    return this.store.pending();
  }

  /** Waits until every interaction this process is working has ended (tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.sweeping) {
      await Promise.allSettled([...this.running, this.sweeping]);
    }
  }
}
