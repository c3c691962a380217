import { createRequire } from 'node:module';
import { expect } from 'vitest';

// The package's `lib/` is extension-less ESM that Node cannot load; its UMD bundle works in
// Node as it is: parsing and validation need no DOM (only rendering does).
const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/** Parse and validate problems of one card with the Adaptive Cards SDK; [] when clean. */
export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++)
    problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  if ((card as { version?: string }).version !== '1.5') problems.push('version is not 1.5');
  return problems;
}

export function expectValidCard(card: unknown): void {
  expect(cardProblems(card), JSON.stringify(card).slice(0, 300)).toEqual([]);
}

/** Every Adaptive Card in a connector call body or invoke response. */
export function cardsOf(body: unknown): unknown[] {
  const found: unknown[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'AdaptiveCard') {
        found.push(o);
        return;
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(body);
  return found;
}

export const textOf = (value: unknown) => JSON.stringify(value);
