import { z } from 'zod';
import { fail, notFound, ok, type Result } from '../errors.js';
import { isValidTimeZone } from '../time.js';
import { type Actor, type CoreDeps, runCommand, runQuery } from '../usecase.js';
import { myProfileView } from './my-profile.js';
import type { MyProfileView } from './profile.views.js';

/** Every IANA zone this runtime knows, UTC among them, in order. */
export const TIME_ZONES: readonly string[] = [
  ...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]),
].sort();

/** *Set my time zone* (docs/product.md#time): the zone now, whether it is only the default. */
export interface TimeZoneFormView {
  readonly timeZone: string;
  /** The person's times are in the workspace's default zone: their own is not known. */
  readonly isDefault: boolean;
  readonly choices: readonly string[];
}

export function timeZoneForm(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
): Promise<Result<TimeZoneFormView>> {
  return runQuery(deps, { actor: request.actor, input: {} }, z.object({}), async ({ actor }) =>
    ok({
      timeZone: actor.timeZone,
      isDefault: actor.timeZoneFrom === 'workspace',
      choices: TIME_ZONES,
    }),
  );
}

const schema = z.object({
  timeZone: z
    .string({ error: 'Pick your time zone from the list.' })
    .trim()
    .min(1, { error: 'Pick your time zone from the list.' })
    .refine(isValidTimeZone, {
      error: (issue) =>
        `${String(issue.input).slice(0, 60)} is not a time zone: pick one from the list, like Europe/London.`,
    }),
});

/**
 * A person sets their own time zone (docs/product.md#time): their times are shown in it from
 * now on, not in the workspace's default. A zone their platform tells later replaces it.
 */
export function setMyTimeZone(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string },
): Promise<Result<MyProfileView>> {
  return runCommand(deps, request, schema, async ({ actor, workspace, input, now }) => {
    const saved = await deps.people.setTimeZone(actor.id, input.timeZone, now);
    if (!saved) return fail(notFound('person'));
    return ok(myProfileView(saved, workspace));
  });
}
