import type { Document } from 'bson';

/** MongoDB's own error codes and names, so the driver raises the errors it would raise. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  HostUnreachable: 6,
  HostNotFound: 7,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  LockTimeout: 24,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  CommandNotFound: 59,
  WriteConcernFailed: 64,
  ConflictingUpdateOperators: 40,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  UnknownReplWriteConcern: 79,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  NetworkTimeout: 89,
  ShutdownInProgress: 91,
  UnsatisfiableWriteConcern: 100,
  WriteConflict: 112,
  CommandNotSupported: 115,
  PrimarySteppedDown: 189,
  TransactionTooOld: 225,
  NotImplemented: 238,
  SnapshotTooOld: 239,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  ExceededTimeLimit: 262,
  OperationNotSupportedInTransaction: 263,
  UnsupportedOpQueryCommand: 352,
  SocketException: 9001,
  NotWritablePrimary: 10107,
  InterruptedAtShutdown: 11600,
  Interrupted: 11601,
  InterruptedDueToReplStateChange: 11602,
  NotPrimaryNoSecondaryOk: 13435,
  NotPrimaryOrSecondary: 13436,
  DuplicateKey: 11000,
} as const;

/** Errors after which a retryable write (or a commit) may be sent again. */
const RETRYABLE_WRITE_CODES = new Set<number>([
  6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436,
]);
/** Not-primary, shutdown and network errors: a transaction statement failing so may be redone. */
const TRANSIENT_IN_TRANSACTION = new Set<number>([
  ...RETRYABLE_WRITE_CODES,
  ErrorCode.WriteConflict,
  ErrorCode.LockTimeout,
  ErrorCode.NoSuchTransaction,
]);

export interface LabelContext {
  /** A write with a txnNumber outside a transaction. */
  retryableWrite: boolean;
  inTransaction: boolean;
  /** commitTransaction or abortTransaction. */
  commitOrAbort: boolean;
}

/** The error labels mongod attaches to an error of this code (driver wire version 9+). */
export function labelsFor(code: number, context: LabelContext): string[] {
  const labels: string[] = [];
  if (context.inTransaction && !context.commitOrAbort && TRANSIENT_IN_TRANSACTION.has(code)) {
    labels.push('TransientTransactionError');
  }
  if (context.commitOrAbort && code === ErrorCode.NoSuchTransaction) {
    labels.push('TransientTransactionError');
  }
  if ((context.retryableWrite || context.commitOrAbort) && RETRYABLE_WRITE_CODES.has(code)) {
    labels.push('RetryableWriteError');
  }
  return labels;
}

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
    public labels: string[] = [],
  ) {
    super(message);
    this.code = ErrorCode[name];
    this.codeName = name;
  }

  /** Labels set on purpose (a fail point's `errorLabels`, even empty): not recomputed. */
  fixedLabels = false;

  /** An error with any code (a fail point's), not only the ones named above. */
  static withCode(
    code: number,
    codeName: string,
    message: string,
    labels: string[] = [],
  ): CommandError {
    const error = new CommandError('InternalError', message, {}, labels);
    (error as { code: number }).code = code;
    (error as { codeName: string }).codeName = codeName;
    return error;
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
