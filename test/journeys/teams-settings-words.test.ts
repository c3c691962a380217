import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TeamsPerson, TeamsTenant, textOf } from './support/teams.js';

/**
 * Issue 10 point 21 on Teams. The admin (the first to open the app) makes three mistakes at
 * once in the settings dialog: the dialog comes back with every one named on its field,
 * saying what is wrong. Reminders are written as people write them.
 */
let tenant: TeamsTenant;
let admin: TeamsPerson;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-settings-words');
  admin = await tenant.joins('Grace Hopper', 'America/New_York');
});
afterAll(() => tenant?.stop());

/** Every input of a dialog card with the value it starts with. */
// biome-ignore lint/suspicious/noExplicitAny: a dialog card
function inputsOf(card: any): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        out[o.id] = o.value === undefined ? '' : String(o.value);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(card);
  return out;
}

describe('Teams: the settings dialog names every mistake, in words', () => {
  it('three bad fields show three messages; reminders read as people write them', async () => {
    const form = await admin.opensDialog({ verb: 'settings' });
    const values = inputsOf(form);
    expect(values.reminderOffsetsMinutes).toBe('1 day, 15 minutes');

    const refused = await admin.submitsDialog({
      verb: 'settings',
      ...values,
      minSessionMinutes: 'soon',
      defaultSeatLimit: '-5',
      requestExpiryDays: '2.5',
    });
    const shown = textOf(refused);
    expect(shown).toContain('The minimum session length must be a number, like 5.');
    expect(shown).toContain('The default seat limit must be at least 1 seat.');
    expect(shown).toContain('How long requests stay open must be a whole number, not 2.5.');

    expect(
      await admin.submitsDialog({
        verb: 'settings',
        ...values,
        reminderOffsetsMinutes: '2 days, 1 hour, 15 min',
      }),
    ).toBeUndefined();
    const again = inputsOf(await admin.opensDialog({ verb: 'settings' }));
    expect(again.reminderOffsetsMinutes).toBe('2 days, 1 hour, 15 minutes');
  }, 60_000);
});
