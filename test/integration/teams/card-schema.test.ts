import { describe, expect, it } from 'vitest';
import { card, choiceSet, numberInput, text } from '../../../src/adapters/teams/kit.js';
import { schemaProblems } from './cards.js';

/**
 * The schema check the Teams tests (and every journey's cards, when its tenant stops) run:
 * the official Adaptive Cards 1.5 JSON schema through Ajv, plus Teams' `filtered` choice sets.
 */
describe('the Adaptive Cards 1.5 schema check', () => {
  const oneElement = (element: Record<string, unknown>) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [element],
  });

  it('refuses what Teams ignores or cannot show: a made-up property, a number given as text', () => {
    expect(schemaProblems(oneElement({ type: 'TextBlock', text: 'x', subtle: true }))).not.toEqual(
      [],
    );
    expect(
      schemaProblems(oneElement({ type: 'Input.Number', id: 'seats', value: '10' })),
    ).not.toEqual([]);
    expect(schemaProblems(oneElement({ type: 'Nope' }))).not.toEqual([]);
    expect(schemaProblems({ type: 'AdaptiveCard', version: '1.5', body: 'text' })).not.toEqual([]);
    expect(
      schemaProblems({
        type: 'AdaptiveCard',
        version: '1.5',
        body: [],
        actions: [{ type: 'Action.OpenUrl', title: 'Join', url: 'not a link' }],
      }),
    ).not.toEqual([]);
  });

  it("accepts the kit's elements: isSubtle text, a numeric Input.Number, a filtered choice set", () => {
    const built = card('fallback', [
      text('quiet', { subtle: true }),
      numberInput('seats', 'Seats', '10'),
      numberInput('blank', 'Blank', ''),
      choiceSet('who', 'Who', [{ title: 'Ada', value: 'a' }], { filtered: true }),
    ]);
    expect(schemaProblems(built)).toEqual([]);
    expect(built.body[0]).toMatchObject({ isSubtle: true });
    expect(built.body[0]).not.toHaveProperty('subtle');
    expect(built.body[1]).toMatchObject({ value: 10 });
    expect(built.body[2]).not.toHaveProperty('value');
    // Teams' typeahead is the one extension allowed; any other style is still refused.
    expect(
      schemaProblems(
        oneElement({ type: 'Input.ChoiceSet', id: 'x', choices: [], style: 'sideways' }),
      ),
    ).not.toEqual([]);
  });
});
