import type { Document } from 'bson';
import { CommandError, codeNameOf } from './errors.js';
import { isPlainObject } from './values.js';

/**
 * Fail points as mongod implements them for testing (`configureFailPoint`, accepted only
 * when the server runs with test commands enabled, like mongod's `enableTestCommands`):
 *
 * - `failCommand` fails chosen commands before they run: an error code (with the labels
 *   mongod would attach, or the ones given), a closed connection, a delay, or a write
 *   concern error added to the reply of a command that did run;
 * - `onPrimaryTransactionalWrite` acts on a retryable write: by default the write is applied
 *   and recorded, then the connection is closed before the reply (so the driver retries and
 *   must get the recorded answer); `failBeforeCommitExceptionCode` fails it unapplied.
 */
export const FAIL_POINTS = ['failCommand', 'onPrimaryTransactionalWrite'] as const;
export type FailPointName = (typeof FAIL_POINTS)[number];

type Mode =
  | { kind: 'off' }
  | { kind: 'alwaysOn' }
  | { kind: 'times'; remaining: number }
  | { kind: 'skip'; remaining: number };

class FailPoint {
  private mode: Mode = { kind: 'off' };
  data: Document = {};
  /** How many times the fail point fired since it was last configured. */
  private entered = 0;

  configure(mode: Mode, data: Document): number {
    const previous = this.entered;
    this.mode = mode;
    this.data = data;
    this.entered = 0;
    return previous;
  }

  /** Whether it fires for this evaluation; `times` and `skip` count down here. */
  fire(): boolean {
    const mode = this.mode;
    if (mode.kind === 'off') return false;
    if (mode.kind === 'skip' && mode.remaining > 0) {
      mode.remaining -= 1;
      return false;
    }
    if (mode.kind === 'times') {
      mode.remaining -= 1;
      if (mode.remaining <= 0) this.mode = { kind: 'off' };
    }
    this.entered += 1;
    return true;
  }

  get on(): boolean {
    return this.mode.kind !== 'off';
  }
}

function parseMode(value: unknown): Mode {
  if (value === 'off') return { kind: 'off' };
  if (value === 'alwaysOn') return { kind: 'alwaysOn' };
  if (isPlainObject(value)) {
    const [key, n] = Object.entries(value)[0] ?? [];
    const count = Number(n);
    if ((key === 'times' || key === 'skip') && Number.isInteger(count) && count >= 0) {
      if (key === 'times')
        return count === 0 ? { kind: 'off' } : { kind: 'times', remaining: count };
      return { kind: 'skip', remaining: count };
    }
    if (key === 'activationProbability') {
      throw new CommandError(
        'NotImplemented',
        'The embedded MongoDB server does not support the fail point mode activationProbability',
      );
    }
  }
  throw new CommandError(
    'TypeMismatch',
    `'mode' must be 'off', 'alwaysOn', {times: n} or {skip: n}, got ${JSON.stringify(value)}`,
  );
}

/** What `failCommand` does to one command that it fires for. */
export interface CommandFault {
  closeConnection: boolean;
  blockTimeMS: number;
  errorCode: number | undefined;
  errorLabels: string[] | undefined;
  writeConcernError: Document | undefined;
}

export class FailPoints {
  private readonly points = new Map<FailPointName, FailPoint>(
    FAIL_POINTS.map((name) => [name, new FailPoint()]),
  );

  /** The `configureFailPoint` command; answers the count of the previous configuration. */
  configure(command: Document): Document {
    const name = command.configureFailPoint;
    const point = this.points.get(name as FailPointName);
    if (!point) {
      throw new CommandError(
        'BadValue',
        `${String(name)} not found: the embedded MongoDB server knows the fail points ${FAIL_POINTS.join(', ')}`,
      );
    }
    const mode = parseMode(command.mode);
    const data = command.data === undefined ? {} : command.data;
    if (!isPlainObject(data)) throw new CommandError('TypeMismatch', "'data' must be an object");
    if (name === 'failCommand' && mode.kind !== 'off') checkFailCommandData(data);
    return { count: point.configure(mode, data), ok: 1 };
  }

  /** Turns every fail point off (a server that is stopped and started again has none on). */
  reset(): void {
    for (const point of this.points.values()) point.configure({ kind: 'off' }, {});
  }

  /** The fault `failCommand` injects into this command, if it fires for it. */
  commandFault(commandName: string, appName: string | undefined): CommandFault | undefined {
    const point = this.points.get('failCommand') as FailPoint;
    if (!point.on) return undefined;
    const data = point.data;
    const names = data.failCommands as string[];
    if (!names.includes(commandName)) return undefined;
    if (typeof data.appName === 'string' && data.appName !== appName) return undefined;
    if (!point.fire()) return undefined;
    return {
      closeConnection: data.closeConnection === true,
      blockTimeMS: data.blockConnection === true ? Number(data.blockTimeMS ?? 0) : 0,
      errorCode: data.errorCode === undefined ? undefined : Number(data.errorCode),
      errorLabels: Array.isArray(data.errorLabels) ? (data.errorLabels as string[]) : undefined,
      writeConcernError: isPlainObject(data.writeConcernError) ? data.writeConcernError : undefined,
    };
  }

  /** `onPrimaryTransactionalWrite`, for a retryable write about to run. */
  transactionalWriteFault(): { closeConnection: boolean; errorCode?: number } | undefined {
    const point = this.points.get('onPrimaryTransactionalWrite') as FailPoint;
    if (!point.on || !point.fire()) return undefined;
    const code = point.data.failBeforeCommitExceptionCode;
    return {
      closeConnection: point.data.closeConnection !== false,
      ...(code === undefined ? {} : { errorCode: Number(code) }),
    };
  }
}

function checkFailCommandData(data: Document): void {
  const names = data.failCommands;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) {
    throw new CommandError('BadValue', "'failCommands' must be an array of command names");
  }
  for (const field of ['errorCode', 'blockTimeMS']) {
    if (data[field] !== undefined && !Number.isFinite(Number(data[field]))) {
      throw new CommandError('TypeMismatch', `'${field}' must be a number`);
    }
  }
  if (data.blockConnection === true && data.blockTimeMS === undefined) {
    throw new CommandError('BadValue', "'blockConnection' needs 'blockTimeMS'");
  }
  if (data.writeConcernError !== undefined && !isPlainObject(data.writeConcernError)) {
    throw new CommandError('TypeMismatch', "'writeConcernError' must be an object");
  }
}

/** The error a fault's `errorCode` produces, as mongod words it. */
export function faultError(code: number, labels: string[], fixed: boolean): CommandError {
  const error = CommandError.withCode(
    code,
    codeNameOf(code),
    "Failing command via 'failCommand' failpoint",
    labels,
  );
  error.fixedLabels = fixed;
  return error;
}

/** `writeConcernError` of a reply, from a fault's data (codeName filled in when absent). */
export function writeConcernErrorOf(spec: Document): Document {
  const code = Number(spec.code ?? 64);
  const wce: Document = {
    code,
    codeName: spec.codeName ?? codeNameOf(code),
    errmsg: spec.errmsg ?? "Failing command via 'failCommand' failpoint",
  };
  if (spec.errInfo !== undefined) wce.errInfo = spec.errInfo;
  return wce;
}
