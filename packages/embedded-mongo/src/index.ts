/**
 * In-process MongoDB-compatible server for development and tests only (in memory, no
 * persistence, no auth). It speaks the wire protocol so that the official driver and
 * Agenda's Mongo backend run against it unchanged.
 */
export interface EmbeddedMongoLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EmbeddedMongoOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  logger?: EmbeddedMongoLogger;
  /**
   * Run the server on a worker thread, so the application and the database do not share an
   * event loop (what the service does). Default: in this thread, which starts faster (tests).
   */
  thread?: boolean;
  /**
   * mongod's `enableTestCommands`: accept `configureFailPoint` (fail points for tests).
   * Without it the command does not exist, as on a production mongod.
   */
  enableTestCommands?: boolean;
}

export interface EmbeddedMongo {
  /** Connection string for the official driver, e.g. mongodb://127.0.0.1:27018/ */
  readonly uri: string;
  readonly port: number;
  /** Closes the listener and every open connection. */
  stop(): Promise<void>;
  /**
   * On a thread: how busy the server's thread has been (its event loop's utilization since
   * it started; diff two readings with `performance.eventLoopUtilization`). Benchmarks.
   */
  readonly eventLoopUtilization?: () => EventLoopUtilization;
}

import type { EventLoopUtilization } from 'node:perf_hooks';
import { startEmbeddedMongoThread } from './thread.js';

/**
 * On a thread, this thread loads only the worker's launcher: the server's modules (mingo,
 * the command set) load on the worker, in parallel with whatever this thread does.
 */
export async function startEmbeddedMongo(
  options: EmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  if (options.thread) return startEmbeddedMongoThread(options);
  const { startEmbeddedMongo: startHere } = await import('./server.js');
  return startHere(options);
}
