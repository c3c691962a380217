import type { z } from 'zod';
import {
  DomainError,
  ErrorCode,
  fail,
  InfrastructureError,
  ok,
  type Result,
  tryAgain,
  validation,
} from './errors.js';
import type { Notification } from './notifications.js';
import type { Person, PersonId } from './people/person.js';
import type {
  BookingRepository,
  DeliveryLog,
  IdempotencyStore,
  IdGenerator,
  ImageStore,
  MeetingRooms,
  Notifier,
  PersonRepository,
  RequestRepository,
  Scheduler,
  SessionRepository,
  UnitOfWork,
  WorkspaceRepository,
} from './ports.js';
import type { Clock } from './time.js';
import type { Workspace } from './workspaces/workspace.js';

export interface CoreLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything the use cases need; assembled once by the composition root. */
export interface CoreDeps {
  readonly workspaces: WorkspaceRepository;
  readonly people: PersonRepository;
  readonly sessions: SessionRepository;
  readonly requests: RequestRepository;
  readonly bookings: BookingRepository;
  readonly deliveries: DeliveryLog;
  readonly uow: UnitOfWork;
  readonly idempotency: IdempotencyStore;
  readonly notifier: Notifier;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: CoreLogger;
  /** BigBlueButton rooms; undefined when the server has none configured (BBB_URL, BBB_SECRET). */
  readonly rooms?: MeetingRooms | undefined;
  /** Images people send (Teams); undefined: only links and Slack files are taken. */
  readonly images?: ImageStore | undefined;
}

/** The person acting, as the adapter knows them (after `identify`). */
export interface Actor {
  readonly personId: PersonId;
}

/** Work that must happen only once the command's changes are committed. */
export interface Effects {
  notify(notification: Notification): void;
  after(effect: () => Promise<void>): void;
}

export interface CommandContext<I> {
  readonly actor: Person;
  readonly workspace: Workspace;
  readonly input: I;
  readonly now: Date;
  readonly effects: Effects;
}

/** Turns zod issues into field -> message, so forms can show errors next to fields. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'input';
    fields[field] ??= issue.message;
  }
  return fields;
}

export function parseInput<I>(schema: z.ZodType<I>, input: unknown): Result<I> {
  const parsed = schema.safeParse(input);
  return parsed.success ? ok(parsed.data) : fail(validation(fieldErrors(parsed.error)));
}

async function loadActor(
  deps: CoreDeps,
  actor: Actor,
): Promise<Result<{ person: Person; workspace: Workspace }>> {
  const person = await deps.people.get(actor.personId);
  if (!person) {
    return fail(
      new DomainError(
        ErrorCode.NotFound,
        "We don't know you yet. Open the app once, then try again.",
      ),
    );
  }
  const workspace = await deps.workspaces.get(person.workspaceId);
  if (!workspace) {
    return fail(
      new DomainError(ErrorCode.NotFound, 'This workspace has not installed mentorbot yet.'),
    );
  }
  return ok({ person, workspace });
}

/**
 * The one place a failing dependency becomes the person's "try again": `work` either
 * returns its result, or an `InfrastructureError` is logged and turned into `tryAgain()`.
 * Anything else is a bug and is thrown.
 */
export async function orTryAgain<T>(
  deps: Pick<CoreDeps, 'logger'>,
  during: string,
  work: () => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof InfrastructureError)) throw err;
    deps.logger.warn({ err }, `dependency failed during ${during}`);
    return fail(tryAgain());
  }
}

/** Unwinds a transaction whose command failed for an expected reason. */
class Rollback extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

/** A repeated key: the stored result of the first command. */
class Replayed extends Error {
  constructor(
    readonly value: unknown,
    /** The first result is not known yet (the key was taken mid-transaction). */
    readonly unknown = false,
  ) {
    super('replayed');
  }
}

/**
 * Runs a command: validates input, loads the actor, runs the body in one transaction (with
 * the idempotency key recorded in the same transaction), then performs its effects. Expected
 * failures come back as results; a failing database comes back as "try again" with nothing
 * changed.
 */
export async function runCommand<I, O>(
  deps: CoreDeps,
  request: { actor: Actor; input: unknown; idempotencyKey?: string | undefined },
  schema: z.ZodType<I>,
  body: (ctx: CommandContext<I>) => Promise<Result<O>>,
): Promise<Result<O>> {
  const input = parseInput(schema, request.input);
  if (!input.ok) return input;
  return orTryAgain(deps, 'a command', async () => {
    const loaded = await loadActor(deps, request.actor);
    if (!loaded.ok) return loaded;
    let pending: Array<() => Promise<void>> = [];
    let value: O;
    try {
      value = await deps.uow.run(async () => {
        // The transaction may be retried: effects collected by an earlier attempt are dropped.
        pending = [];
        if (request.idempotencyKey) {
          const seen = await deps.idempotency.get(request.idempotencyKey);
          if (seen) throw new Replayed(seen.result);
        }
        const effects: Effects = {
          notify: (n) => pending.push(() => deps.notifier.notify(n)),
          after: (effect) => pending.push(effect),
        };
        const result = await body({
          actor: loaded.value.person,
          workspace: loaded.value.workspace,
          input: input.value,
          now: deps.clock.now(),
          effects,
        });
        if (!result.ok) throw new Rollback(result.error);
        if (request.idempotencyKey) {
          const stored = await deps.idempotency.put(
            request.idempotencyKey,
            result.value,
            deps.clock.now(),
          );
          // Another command with this key committed first; its transaction is the one that
          // counts, and this one is rolled back. Its result is read after the rollback.
          if (stored === 'duplicate') throw new Replayed(undefined, true);
        }
        return result.value;
      });
    } catch (err) {
      if (err instanceof Rollback) return fail(err.error);
      if (err instanceof Replayed) {
        if (!err.unknown || !request.idempotencyKey) return ok(err.value as O);
        const seen = await deps.idempotency.get(request.idempotencyKey);
        return ok(seen?.result as O);
      }
      throw err;
    }
    for (const effect of pending) {
      try {
        await effect();
      } catch (err) {
        // The command is committed; a failed delivery is logged, not undone.
        deps.logger.error({ err }, 'effect after commit failed');
      }
    }
    return ok(value);
  });
}

/** Runs a read: validates input, loads the actor, maps a failing database to "try again". */
export async function runQuery<I, O>(
  deps: CoreDeps,
  request: { actor: Actor; input?: unknown },
  schema: z.ZodType<I>,
  body: (ctx: { actor: Person; workspace: Workspace; input: I; now: Date }) => Promise<Result<O>>,
): Promise<Result<O>> {
  const input = parseInput(schema, request.input);
  if (!input.ok) return input;
  return orTryAgain(deps, 'a query', async () => {
    const loaded = await loadActor(deps, request.actor);
    if (!loaded.ok) return loaded;
    return body({
      actor: loaded.value.person,
      workspace: loaded.value.workspace,
      input: input.value,
      now: deps.clock.now(),
    });
  });
}
