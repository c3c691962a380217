import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
// The package's `lib/` is extension-less ESM that Node cannot load; its UMD bundle works in
// Node as it is: parsing and validation need no DOM (only rendering does).
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/**
 * The official Adaptive Cards 1.5 JSON schema (microsoft/AdaptiveCards,
 * schemas/1.5.0/adaptive-card.json, as published; test/fixtures/teams/README.md says where it
 * came from), validated by Ajv. The one Teams extension the bot uses is allowed on top of it:
 * `Input.ChoiceSet` `style: "filtered"` (typeahead), which Teams renders and the 1.5 schema
 * predates.
 */
function schemaValidator(): ValidateFunction {
  const schema = structuredClone(
    require('../../fixtures/teams/adaptive-card-1.5.schema.json'),
  ) as Record<string, unknown> & { id?: string; definitions: Record<string, unknown> };
  // Draft-06 names the schema with `$id`; the file still says `id` (draft-04), which Ajv 8
  // reads as an unknown keyword.
  schema.$id = schema.id;
  delete schema.id;
  schema.definitions.ChoiceInputStyle = {
    description: "Style hint for `Input.ChoiceSet`, with Teams' `filtered`.",
    enum: ['compact', 'expanded', 'filtered'],
  };
  // strict: false: the schema carries documentation keywords of its own (`version`, ...).
  const ajv = new Ajv({ strict: false, allErrors: false });
  // The schema's `uri` and `uri-reference` formats (every link and image URL) are checked too.
  addFormats.default(ajv, ['uri', 'uri-reference']);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  return ajv.compile(schema);
}

let validate: ValidateFunction | undefined;

/** Where a card breaks the official 1.5 schema; [] when it validates. */
export function schemaProblems(card: unknown): string[] {
  validate ??= schemaValidator();
  if (validate(card)) return [];
  return (validate.errors ?? []).map(
    (e) => `schema: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/**
 * Every problem of one card: the official 1.5 JSON schema (Ajv), then the Adaptive Cards
 * SDK's own parse and validation (duplicate input ids, unknown element types); [] when clean.
 */
export function cardProblems(card: unknown): string[] {
  const problems = schemaProblems(card);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
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
