import { AsyncLocalStorage } from 'node:async_hooks';
import { currentInteraction } from './interaction.js';

/** Set while a piece of work runs: work it starts in turn runs at once, in its slot. */
const inside = new AsyncLocalStorage<true>();

/**
 * Work that continues after a platform has its answer (Slack's ack, a Teams 200), run at a
 * lower priority than answering. Slack and Teams time the answer (3 s, 15 s) and retry when
 * it is late; the work after it (the use case, the DMs) only has to happen soon. So:
 * - at most `slots` pieces of work run at once: a burst of requests does not start
 *   thousands of database and API conversations that new requests would queue behind;
 * - a piece waits to start while requests are still waiting for their answer, so answers
 *   go first during a burst; one that has waited `maxWaitMs` starts anyway, one at a time
 *   while answers are due, so work always makes progress under sustained load without
 *   crowding out the answers;
 * - work of one lane (one person: see interaction.ts) runs one piece at a time, in the order
 *   it came, so a person's second click is applied after their first.
 */
export class AfterAck {
  private readonly slots: number;
  private free: number;
  private readonly idle: Array<() => void> = [];
  private unanswered = 0;
  private readonly waiting: Array<{ since: number; lane: string | undefined; start: () => void }> =
    [];
  /** Work waiting for what must come before it, not queued yet. */
  private preparing = 0;
  /** Lanes with a piece of work running. */
  private readonly busy = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    slots: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = slots;
    this.free = slots;
  }

  /** A request arrived: it counts as waiting for its answer until its response ends. */
  awaitingAnswer(res: { once(event: 'finish' | 'close', listener: () => void): unknown }): void {
    const answered = this.arrived();
    res.once('finish', answered);
    res.once('close', answered);
  }

  /** A request arrived that has not been answered yet; call the result once it is. */
  arrived(): () => void {
    this.unanswered += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.unanswered -= 1;
      this.pump();
    };
  }

  get pending(): number {
    return this.waiting.length + this.preparing;
  }

  /** Waits (graceful shutdown, tests) until no work waits or runs, or `ms` have passed. */
  async drain(ms: number): Promise<void> {
    if (this.pending === 0 && this.free === this.slots) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.idle.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
    clearTimeout(timer);
  }

  /**
   * Runs `work` when its turn comes, in the lane of the interaction being worked (if any),
   * which also learns of it (the inbox marks an interaction done once its work ended).
   */
  run<T>(work: () => Promise<T>): Promise<T> {
    // Already after the answer and in this lane's turn (a replayed turn that defers work).
    if (inside.getStore()) return work();
    const interaction = currentInteraction();
    // What must come first (the person's earlier interactions) is waited for before taking
    // a place in the lane, so that those can take theirs.
    const ready = interaction?.ready;
    const lane = interaction?.lane;
    let running: Promise<T>;
    if (ready) {
      // Counted as waiting meanwhile: a drain waits for it too.
      this.preparing += 1;
      running = ready().then(() => {
        this.preparing -= 1;
        return this.queue(lane, work);
      });
    } else running = this.queue(lane, work);
    interaction?.work.push(running);
    return running;
  }

  private async queue<T>(lane: string | undefined, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.waiting.push({ since: this.now(), lane, start });
      this.pump();
    });
    try {
      return await inside.run(true, work);
    } finally {
      this.free += 1;
      if (lane !== undefined) this.busy.delete(lane);
      this.pump();
      if (this.pending === 0 && this.free === this.slots)
        for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private pump(): void {
    while (this.free > 0) {
      // The oldest piece whose lane is free: a person's later work waits for their earlier.
      const index = this.waiting.findIndex((w) => w.lane === undefined || !this.busy.has(w.lane));
      const next = this.waiting[index];
      if (!next) return;
      if (this.unanswered > 0) {
        // Answers are due: only overdue work starts, and only one piece at a time.
        const overdue = this.now() - next.since >= this.maxWaitMs;
        if (!overdue) {
          this.wakeAt(next.since + this.maxWaitMs);
          return;
        }
        if (this.free < this.slots) return; // pumped again when the running piece ends
      }
      this.waiting.splice(index, 1);
      this.free -= 1;
      if (next.lane !== undefined) this.busy.add(next.lane);
      next.start();
    }
  }

  private wakeAt(at: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, at - this.now()),
    );
    this.timer.unref();
  }
}

/**
 * The one instance of the process, shared by the Slack and Teams adapters: they share the
 * event loop, so a burst on either is answered before the work behind it.
 */
export const afterAck = new AfterAck(4, 1_000);
