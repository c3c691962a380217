/**
 * Work that continues after a platform has its answer (Slack's ack, a Teams 200), run at a
 * lower priority than answering. Slack and Teams time the answer (3 s, 15 s) and retry when
 * it is late; the work after it (the use case, the DMs) only has to happen soon. So:
 * - at most `slots` pieces of work run at once: a burst of requests does not start
 *   thousands of database and API conversations that new requests would queue behind;
 * - a piece waits to start while requests are still waiting for their answer, so answers
 *   go first during a burst; one that has waited `maxWaitMs` starts anyway, so work always
 *   makes progress under sustained load.
 */
export class AfterAck {
  private free: number;
  private unanswered = 0;
  private readonly waiting: Array<{ since: number; start: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    slots: number,
    private readonly maxWaitMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.free = slots;
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
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await new Promise<void>((start) => {
      this.waiting.push({ since: this.now(), start });
      this.pump();
    });
    try {
      return await work();
    } finally {
      this.free += 1;
      this.pump();
    }
  }

  private pump(): void {
    while (this.free > 0 && this.waiting.length > 0) {
      const oldest = this.waiting[0] as { since: number; start: () => void };
      const overdue = this.now() - oldest.since >= this.maxWaitMs;
      if (this.unanswered > 0 && !overdue) {
        this.wakeAt(oldest.since + this.maxWaitMs);
        return;
      }
      this.waiting.shift();
      this.free -= 1;
      oldest.start();
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
