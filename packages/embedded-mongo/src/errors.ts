import type { Document } from 'bson';

/** MongoDB's own error codes and names, so the driver raises the errors it would raise. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  InvalidLength: 16,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ConflictingUpdateOperators: 40,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  CommandNotSupported: 115,
  TransactionTooOld: 225,
  NotImplemented: 238,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  UnsupportedOpQueryCommand: 352,
  DuplicateKey: 11000,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

const codeNames = new Map<number, string>(
  Object.entries(ErrorCode).map(([name, code]) => [code, name]),
);

/** An error answered to the client as `{ ok: 0, errmsg, code, codeName }`. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  constructor(
    name: ErrorCodeName,
    message: string,
    readonly extra: Document = {},
    readonly labels: string[] = [],
  ) {
    super(message);
    this.code = ErrorCode[name];
    this.codeName = name;
  }

  toReply(): Document {
    const reply: Document = {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
    };
    if (this.labels.length > 0) reply.errorLabels = this.labels;
    return reply;
  }

  /** The shape used inside `writeErrors` of insert/update/delete replies. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

export function codeNameOf(code: number): string {
  return codeNames.get(code) ?? 'UnknownError';
}

/**
 * Errors thrown by the query library (unknown operator, bad expression) become BadValue
 * with the library's message, which names the operator or stage.
 */
export function toCommandError(err: unknown): CommandError {
  if (err instanceof CommandError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (message.includes("immutable field '_id'")) {
    return new CommandError(
      'ImmutableField',
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  const unknownModifier = /^Unknown update operator: '(.+)'/.exec(message);
  if (unknownModifier) {
    return new CommandError(
      'FailedToParse',
      `Unknown modifier: ${unknownModifier[1]}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  if (message.includes('would create a conflict')) {
    return new CommandError('ConflictingUpdateOperators', message);
  }
  return new CommandError('BadValue', message);
}
