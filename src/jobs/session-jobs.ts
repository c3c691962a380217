import type { Job } from 'agenda';
import { z } from 'zod';
import {
  completeSession,
  type Outcome,
  remindSession,
  startSession,
} from '../core/schedule/lifecycle.js';
import type { CoreDeps } from '../core/usecase.js';

/** Job data is validated like any input: a malformed job fails loudly instead of guessing. */
const sessionJob = z.object({ sessionId: z.string().min(1) });
const reminderJob = sessionJob.extend({ minutesBefore: z.number().int().positive() });

export type JobLogger = {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
};

/** How soon a fan-out with failed deliveries is tried again. */
export const RETRY_AFTER_MS = 60_000;

async function finish(job: Job<unknown>, outcome: Outcome, logger: JobLogger): Promise<void> {
  logger.info({ job: job.attrs.name, data: job.attrs.data, outcome }, 'job finished');
  if (outcome.done && outcome.failed > 0) {
    // Some messages could not be delivered; their keys were given back, so a later run
    // sends exactly those. Throwing records the failure on the job.
    throw new Error(`${outcome.failed} deliveries failed; retrying in ${RETRY_AFTER_MS / 1000}s`);
  }
}

/** `touch` keeps the job's lock while a long fan-out runs, so no other instance takes it. */
const keepLock = (job: Job<unknown>) => () => job.touch();

export function reminderHandler(deps: CoreDeps, logger: JobLogger) {
  return async (job: Job<unknown>) => {
    const data = reminderJob.parse(job.attrs.data);
    await finish(job, await remindSession(deps, data, keepLock(job)), logger);
  };
}

export function liveHandler(deps: CoreDeps, logger: JobLogger) {
  return async (job: Job<unknown>) => {
    const data = sessionJob.parse(job.attrs.data);
    await finish(job, await startSession(deps, data, keepLock(job)), logger);
  };
}

export function completedHandler(deps: CoreDeps, logger: JobLogger) {
  return async (job: Job<unknown>) => {
    const data = sessionJob.parse(job.attrs.data);
    await finish(job, await completeSession(deps, data, keepLock(job)), logger);
  };
}
