import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf } from '../../src/core/people/person.js';
import { updateWorkspaceSettings } from '../../src/core/workspaces/settings.js';
import { DEFAULT_CONFIG } from '../../src/core/workspaces/workspace.js';
import { type AnyView, TEAM, textValue } from '../fixtures/slack/payloads.js';
import { ADMIN } from '../integration/slack/harness.js';
import { eventually, type SlackPerson, SlackWorkspace } from './support/slack.js';

/**
 * Issue 10 point 3 on Slack (text inputs). The workspace's Categories hold 100 items of 40
 * characters: 4,099 characters, more than the 3,000 a Slack text input may start with. The
 * admin's settings form still opens: the list is spread over boxes ("Categories (1 of 3)"),
 * each well under 3,000 characters, so there is room to type more. One item too many is
 * named on the Categories field; swapping one item saves all 100.
 */
const CATEGORIES = Array.from({ length: 100 }, (_, i) =>
  `Category ${String(i + 1).padStart(3, '0')} `.padEnd(40, 'x'),
);

let world: SlackWorkspace;
let admin: SlackPerson;
beforeAll(async () => {
  world = await SlackWorkspace.start({ [ADMIN]: { name: 'Admin', tz: 'Europe/London' } });
  await world.service.seed(ADMIN, { name: 'Admin', roles: ['admin'], tz: 'Europe/London' });
  admin = world.person(ADMIN);
  const saved = await updateWorkspaceSettings(world.service.core, {
    actor: { personId: personIdOf('slack', TEAM.id, ADMIN) },
    input: {
      ...DEFAULT_CONFIG,
      reminderOffsetsMinutes: [...DEFAULT_CONFIG.reminderOffsetsMinutes],
      vocabularies: {
        recommendedFor: CATEGORIES.map((c) => c.replace('Category', 'Audience')),
        categories: CATEGORIES,
        medium: ['English'],
      },
    },
  });
  expect(saved.ok).toBe(true);
});
afterAll(() => world?.stop());

const inputs = (view: AnyView): AnyView[] =>
  view.blocks.filter((b: AnyView) => b.element?.type === 'plain_text_input');
const boxesOf = (view: AnyView, field: string): AnyView[] =>
  inputs(view).filter((b) => b.block_id === field || b.block_id.startsWith(`${field}~`));
const itemsIn = (boxes: AnyView[]) =>
  boxes.flatMap((b) => String(b.element.initial_value ?? '').split('\n')).filter(Boolean);

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

describe('Slack: workspace settings with 100 long vocabulary items', () => {
  it('opens with every list spread over boxes of at most 3,000 characters, and saves', async () => {
    await admin.opensHome();
    await admin.pressesOnHome('admin.settings', '');
    const form = await admin.modal();
    expect(form.callback_id).toBe('settings.workspace');
    expect(form.blocks.length).toBeLessThanOrEqual(100);
    for (const box of inputs(form)) {
      expect(String(box.element.initial_value ?? '').length).toBeLessThanOrEqual(3000);
      expect(box.element.max_length ?? 3000).toBeLessThanOrEqual(3000);
    }

    // Every item is there, in order, over three boxes each with room to type more.
    const categories = boxesOf(form, 'vocabularies.categories');
    expect(categories.map((b) => b.label.text)).toEqual([
      'Categories (1 of 3)',
      'Categories (2 of 3)',
      'Categories (3 of 3)',
    ]);
    expect(itemsIn(categories)).toEqual(CATEGORIES);
    for (const box of categories) {
      expect(String(box.element.initial_value).length).toBeLessThanOrEqual(2000);
    }
    expect(categories[0]?.hint.text).toContain('goes on in the next boxes');
    expect(itemsIn(boxesOf(form, 'vocabularies.recommendedFor'))).toHaveLength(100);
    // A short list stays one box, labelled as before.
    expect(boxesOf(form, 'vocabularies.medium').map((b) => b.label.text)).toEqual(['Medium']);

    // A 101st item is refused on the Categories field itself.
    const last = categories[2] as AnyView;
    const tooMany = await admin.submits(
      form,
      valuesOf(form, { [last.block_id]: `${last.element.initial_value}\nMentoring circles` }),
    );
    expect(tooMany.response_action).toBe('errors');
    expect(tooMany.errors).toEqual({
      'vocabularies.categories': 'A list can hold at most 100 items.',
    });

    // Swapping the first item for another (in the first box) saves all 100.
    const first = categories[0] as AnyView;
    const swapped = String(first.element.initial_value).replace(
      CATEGORIES[0] as string,
      'Mentoring circles',
    );
    const saved = await admin.submits(form, valuesOf(form, { [first.block_id]: swapped }));
    expect(saved.response_action).toBe('clear');

    await admin.pressesOnHome('admin.settings', '');
    const again = await eventually(async () => {
      const view = await admin.modal();
      expect(itemsIn(boxesOf(view, 'vocabularies.categories'))[0]).toBe('Mentoring circles');
      return view;
    });
    const items = itemsIn(boxesOf(again, 'vocabularies.categories'));
    expect(items).toHaveLength(100);
    expect(items.slice(1)).toEqual(CATEGORIES.slice(1));
  }, 60_000);
});
