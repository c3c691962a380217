import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnyView, textValue } from '../fixtures/slack/payloads.js';
import { ADMIN } from '../integration/slack/harness.js';
import { eventually, type SlackPerson, SlackWorkspace, textOf } from './support/slack.js';

/**
 * Issue 10 point 21 on Slack. The admin opens the workspace settings from the Home tab and
 * makes three mistakes at once: every one is named on its own field, saying what is wrong.
 * Reminders are written as people write them ("1 day, 15 minutes"), and the Home says them
 * back the same way ("1 day and 15 minutes before").
 */
let world: SlackWorkspace;
let admin: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start({ [ADMIN]: { name: 'Admin', tz: 'Europe/London' } });
  await world.service.seed(ADMIN, { name: 'Admin', roles: ['admin'], tz: 'Europe/London' });
  admin = world.person(ADMIN);
});
afterAll(() => world?.stop());

/** The settings form sent back as Slack would: every field as shown, with `changes`. */
function valuesOf(view: AnyView, changes: Record<string, string>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    const el = block.element;
    if (el?.type === 'plain_text_input')
      values[block.block_id] = textValue(changes[block.block_id] ?? el.initial_value ?? '');
    if (el?.type === 'static_select')
      values[block.block_id] = {
        value: { type: 'static_select', selected_option: el.initial_option },
      };
    if (el?.type === 'checkboxes')
      values[block.block_id] = {
        value: { type: 'checkboxes', selected_options: el.initial_options ?? [] },
      };
  }
  return values;
}

describe('Slack: the settings form names every mistake, in words', () => {
  it('three bad fields show three messages; reminders read as people write them', async () => {
    const home = await admin.opensHome();
    expect(textOf(home)).toContain('Reminders: 1 day and 15 minutes before');
    await admin.pressesOnHome('admin.settings', '');
    const form = await admin.modal();
    expect(form.callback_id).toBe('settings.workspace');
    const reminders = form.blocks.find((b: AnyView) => b.block_id === 'reminderOffsetsMinutes');
    expect(reminders.element.initial_value).toBe('1 day, 15 minutes');

    const refused = await admin.submits(
      form,
      valuesOf(form, {
        minSessionMinutes: 'soon',
        defaultSeatLimit: '-5',
        requestExpiryDays: '2.5',
        reminderOffsetsMinutes: '1 day, whenever',
        defaultTimeZone: 'Europe/Londn',
      }),
    );
    expect(refused.response_action).toBe('errors');
    expect(refused.errors).toEqual({
      minSessionMinutes: 'The minimum session length must be a number, like 5.',
      defaultSeatLimit: 'The default seat limit must be at least 1 seat.',
      requestExpiryDays: 'How long requests stay open must be a whole number, not 2.5.',
      reminderOffsetsMinutes:
        '"whenever" is not a time before the start: write it like 1 day or 15 minutes.',
      defaultTimeZone:
        '"Europe/Londn" is not a time zone: use a name like Europe/London or America/New_York.',
    });

    const saved = await admin.submits(
      form,
      valuesOf(form, {
        reminderOffsetsMinutes: '2 days, 1 hour, 15 min',
        defaultSeatLimit: '1',
        defaultTimeZone: 'Europe/London',
      }),
    );
    expect(saved.response_action).toBe('clear');
    await eventually(async () => {
      const now = await admin.opensHome();
      expect(textOf(now)).toContain('Reminders: 2 days, 1 hour and 15 minutes before');
      expect(textOf(now)).toContain('Default time zone: Europe/London');
      expect(textOf(now)).toContain('Default seats: 1');
    });
  }, 60_000);
});
