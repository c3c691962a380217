import { describe, expect, it } from 'vitest';
import { RoutingNotifier } from '../../../src/adapters/notify/routing.js';
import type { Notification } from '../../../src/core/notifications.js';

const note = (recipient: string) =>
  ({
    kind: 'requestReceived',
    recipient,
    workspaceId: 'w',
    request: {},
  }) as unknown as Notification;

const quiet = {
  warnings: [] as object[],
  warn(obj: object) {
    this.warnings.push(obj);
  },
};

describe('RoutingNotifier', () => {
  it('sends by the platform of the recipient; a platform with no adapter is logged', async () => {
    const sent: string[] = [];
    const logger = { ...quiet, warnings: [] as object[] };
    const routing = new RoutingNotifier({}, logger);
    routing.register('teams', { notify: async (n) => void sent.push(n.recipient) });
    await routing.notify(note('teams:t:u'));
    await routing.notify(note('slack:T:U'));
    expect(sent).toEqual(['teams:t:u']);
    expect(logger.warnings).toHaveLength(1);
  });

  it('while the adapters start, holds a notification for them without holding up its sender', async () => {
    const sent: string[] = [];
    const logger = { ...quiet, warnings: [] as object[] };
    const routing = new RoutingNotifier({}, logger);
    let started!: () => void;
    routing.startingUntil(
      new Promise<void>((resolve) => {
        started = resolve;
      }),
    );
    // Resolves at once although no adapter is there yet (the demo seed runs before them).
    await routing.notify(note('teams:t:u'));
    await routing.notify(note('slack:T:U'));
    expect(sent).toEqual([]);
    routing.register('teams', { notify: async (n) => void sent.push(n.recipient) });
    started();
    await expect.poll(() => sent).toEqual(['teams:t:u']);
    // Slack never started: that one is logged once the adapters are up, not lost silently.
    await expect.poll(() => logger.warnings.length).toBe(1);
    await routing.notify(note('teams:t:v'));
    expect(sent).toEqual(['teams:t:u', 'teams:t:v']);
  });
});
