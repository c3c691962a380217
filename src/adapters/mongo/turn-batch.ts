/**
 * Gathers what is asked during one event-loop turn and sends it to the database as one
 * command: a burst of 100 answers waits for one round trip, not 100. `flush` gets the
 * items in the order they were added and returns one outcome per item (an Error rejects
 * that item alone); when it throws, every item of the batch is rejected. `inOrder` batches
 * go out one after another, so that their outcomes settle in the order the items were added;
 * others go out as soon as their turn ends.
 */
export class TurnBatch<In, Out> {
  private items: { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void }[] = [];
  private previous: Promise<void> = Promise.resolve();

  constructor(
    private readonly flush: (items: In[]) => Promise<(Out | Error)[]>,
    private readonly inOrder = false,
  ) {}

  add(item: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      if (this.items.length === 0) setImmediate(() => this.send());
      this.items.push({ item, resolve, reject });
    });
  }

  private send(): void {
    const batch = this.items;
    this.items = [];
    const settle = async () => {
      try {
        const outcomes = await this.flush(batch.map(({ item }) => item));
        for (const [index, { resolve, reject }] of batch.entries()) {
          const outcome = outcomes[index] as Out | Error;
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        }
      } catch (err) {
        for (const { reject } of batch) reject(err);
      }
    };
    if (this.inOrder) this.previous = this.previous.then(settle);
    else void settle();
  }
}
