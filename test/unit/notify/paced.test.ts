import { describe, expect, it } from 'vitest';
import { PacedNotifier } from '../../../src/adapters/notify/paced.js';
import { RateLimitedError } from '../../../src/adapters/notify/rate-limit.js';
import { RoutingNotifier } from '../../../src/adapters/notify/routing.js';
import type { Notification } from '../../../src/core/notifications.js';

/** A virtual clock: sleeping moves time forward instantly. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

const note = (workspaceId: string, recipient = `slack:${workspaceId}:U1`): Notification =>
  ({ kind: 'requestExpired', recipient, workspaceId, request: {} }) as unknown as Notification;

describe('PacedNotifier', () => {
  it('sends one workspace no faster than its rate after the burst', async () => {
    const time = virtualTime();
    const sentAt: number[] = [];
    const paced = new PacedNotifier(
      { notify: async () => void sentAt.push(time.now()) },
      {
        perSecond: 10,
        burst: 2,
        ...time,
      },
    );
    for (let i = 0; i < 12; i++) await paced.notify(note('T1'));
    expect(sentAt.slice(0, 2)).toEqual([0, 0]);
    // 10 more at 10/s: the last one a second after the burst.
    expect(sentAt.at(-1)).toBeCloseTo(1000, 0);
  });

  it('paces workspaces independently', async () => {
    const time = virtualTime();
    const sent: string[] = [];
    const paced = new PacedNotifier(
      { notify: async (n) => void sent.push(`${n.workspaceId}@${time.now()}`) },
      {
        perSecond: 1,
        burst: 1,
        ...time,
      },
    );
    await paced.notify(note('A'));
    await paced.notify(note('B'));
    expect(sent).toEqual(['A@0', 'B@0']);
  });

  it('on a rate-limit answer the workspace waits Retry-After and the message is sent again', async () => {
    const time = virtualTime();
    let calls = 0;
    const sentAt: number[] = [];
    const paced = new PacedNotifier(
      {
        notify: async () => {
          calls++;
          if (calls === 1) throw new RateLimitedError(3_000);
          sentAt.push(time.now());
        },
      },
      { perSecond: 100, ...time },
    );
    await paced.notify(note('T1'));
    expect(sentAt).toEqual([3_000]);
    expect(paced.rateLimited).toBe(1);
  });

  it('gives up after maxRetries rate-limit answers, and passes other errors through', async () => {
    const time = virtualTime();
    const always = new PacedNotifier(
      { notify: async () => Promise.reject(new RateLimitedError(10)) },
      { perSecond: 100, maxRetries: 2, ...time },
    );
    await expect(always.notify(note('T1'))).rejects.toBeInstanceOf(RateLimitedError);
    const broken = new PacedNotifier(
      { notify: async () => Promise.reject(new Error('boom')) },
      {
        perSecond: 100,
        ...time,
      },
    );
    await expect(broken.notify(note('T1'))).rejects.toThrow('boom');
  });
});

describe('RoutingNotifier', () => {
  it('sends through the adapter of the recipient platform, and logs when there is none', async () => {
    const slack: Notification[] = [];
    const warnings: object[] = [];
    const router = new RoutingNotifier(
      { slack: { notify: async (n) => void slack.push(n) } },
      { warn: (obj) => void warnings.push(obj) },
    );
    await router.notify(note('T1', 'slack:T1:U1'));
    await router.notify(note('tenant', 'teams:tenant:aad'));
    expect(slack).toHaveLength(1);
    expect(warnings).toEqual([
      expect.objectContaining({ platform: 'teams', recipient: 'teams:tenant:aad' }),
    ]);
  });
});
