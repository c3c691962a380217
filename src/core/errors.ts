/**
 * Expected failures of the product, each with a stable code and a message written for the
 * person who caused it. Adapters map them to their surface once (inline modal errors, an
 * ephemeral message, a card). Bugs are thrown, not returned.
 */
export const ErrorCode = {
  /** Input broke a field rule; `fields` says which field and why. */
  Validation: 'validation',
  NotFound: 'not_found',
  Forbidden: 'forbidden',
  /** The workspace turned this use case off (docs/product.md#switched-off-features). */
  FeatureOff: 'feature_off',
  SeatsFull: 'seats_full',
  /** Too late: the session started, ended or was cancelled. */
  NotEditable: 'not_editable',
  /** The thing was already done (a second click, a stale modal). */
  AlreadyDone: 'already_done',
  /** Another open request or booking already holds this. */
  Conflict: 'conflict',
  /** The slot pressed is no longer free: show the slots that are (issue 10 point 11). */
  SlotTaken: 'slot_taken',
  /** The database or another dependency failed; nothing changed; the person may retry. */
  TryAgain: 'try_again',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Field name -> message, for inline form errors. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) =>
  new DomainError(ErrorCode.NotFound, `That ${what} no longer exists.`);

export const forbidden = (message: string) => new DomainError(ErrorCode.Forbidden, message);

export const tryAgain = () =>
  new DomainError(
    ErrorCode.TryAgain,
    'Sorry, something went wrong on our side and nothing was changed. Please try again in a moment.',
  );

export function validation(fields: Record<string, string>): DomainError {
  const first = Object.values(fields)[0] ?? 'Please check the form.';
  return new DomainError(ErrorCode.Validation, first, fields);
}

/**
 * Thrown by port implementations when a dependency (the database) fails. The use-case runner
 * turns it into `tryAgain()`; nothing else should catch it.
 */
export class InfrastructureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfrastructureError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: DomainError): Result<T> => ({ ok: false, error });
