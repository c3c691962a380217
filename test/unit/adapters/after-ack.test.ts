import { describe, expect, it } from 'vitest';
import { AfterAck } from '../../../src/adapters/after-ack.js';
import { newInteraction, withInteraction } from '../../../src/adapters/interaction.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('AfterAck: work after an answer, behind waiting answers', () => {
  it('runs at most `slots` pieces of work at once, in arrival order', async () => {
    const slots = new AfterAck(2, 1_000);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        slots.run(async () => {
          running += 1;
          most = Math.max(most, running);
          order.push(i);
          await tick();
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('holds work while a request waits for its answer, and starts it once answered', async () => {
    const slots = new AfterAck(4, 10_000);
    const answered = slots.arrived();
    let ran = false;
    const work = slots.run(async () => {
      ran = true;
    });
    await tick();
    expect(ran).toBe(false);
    expect(slots.pending).toBe(1);
    answered();
    answered(); // a second call (finish, then close) changes nothing
    await work;
    expect(ran).toBe(true);
    expect(slots.pending).toBe(0);
  });

  it('starts work that has waited maxWaitMs even while answers are still due', async () => {
    let now = 0;
    const slots = new AfterAck(1, 50, () => now);
    slots.arrived(); // never answered: sustained load
    let ran = false;
    const work = slots.run(async () => {
      ran = true;
    });
    await tick();
    expect(ran).toBe(false);
    now = 50;
    await work; // the timer set for the overdue work fires
    expect(ran).toBe(true);
  });

  it('runs overdue work one piece at a time while answers are due, all slots once answered', async () => {
    let now = 0;
    const slots = new AfterAck(3, 10, () => now);
    const answered = slots.arrived();
    let running = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const works = Array.from({ length: 4 }, () =>
      slots.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
      }),
    );
    now = 10;
    await new Promise((r) => setTimeout(r, 30)); // the timer for overdue work fires
    expect(running).toBe(1);
    releases.shift()?.();
    await tick();
    expect(running).toBe(1); // the next overdue piece, still alone
    expect(most).toBe(1);
    answered();
    await tick();
    expect(running).toBe(3); // answers done: every slot
    for (const release of releases.splice(0)) release();
    await tick();
    for (const release of releases.splice(0)) release();
    await Promise.all(works);
  });

  it('frees the slot when work fails', async () => {
    const slots = new AfterAck(1, 1_000);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });

  it("runs one person's work one piece at a time, in the order it came; others pass by", async () => {
    const slots = new AfterAck(4, 1_000);
    const order: string[] = [];
    const releases = new Map<string, () => void>();
    const piece = (lane: string, name: string) =>
      withInteraction(newInteraction(lane), () =>
        slots.run(async () => {
          order.push(`${name}:start`);
          await new Promise<void>((resolve) => releases.set(name, resolve));
          order.push(`${name}:end`);
        }),
      );
    const works = [piece('ada', 'a1'), piece('ada', 'a2'), piece('bob', 'b1'), piece('ada', 'a3')];
    await tick();
    // Ada's first and Bob's run; Ada's second and third wait for her first.
    expect(order).toEqual(['a1:start', 'b1:start']);
    releases.get('b1')?.();
    await tick();
    expect(order).toEqual(['a1:start', 'b1:start', 'b1:end']);
    releases.get('a1')?.();
    await tick();
    expect(order.slice(3)).toEqual(['a1:end', 'a2:start']);
    releases.get('a2')?.();
    await tick();
    releases.get('a3')?.();
    await Promise.all(works);
    expect(order.slice(5)).toEqual(['a2:end', 'a3:start', 'a3:end']);
  });

  it('lets the interaction wait for the work it started', async () => {
    const slots = new AfterAck(1, 1_000);
    const interaction = newInteraction('ada');
    let done = false;
    await withInteraction(interaction, async () => {
      void slots.run(async () => {
        await tick();
        done = true;
      });
    });
    expect(interaction.work).toHaveLength(1);
    await Promise.all(interaction.work);
    expect(done).toBe(true);
  });
});
