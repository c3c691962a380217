import { createRepositories } from '../../src/adapters/mongo/repositories.js';
import { type App, coreDependencies } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { type Clock, systemClock } from '../../src/core/time.js';
import type { CoreDeps } from '../../src/core/usecase.js';
import { createLogger } from '../../src/logger.js';

/**
 * The core's dependencies on a running service's database, notifier and job queue, with
 * the same configuration and clock: for tests (and benchmarks) that set up or inspect state
 * as the core sees it. The service itself hands adapters only its `Mentorship`.
 */
export async function coreOf(
  app: App,
  config: Readonly<Config>,
  clock: Clock = systemClock,
): Promise<CoreDeps> {
  return coreDependencies(config, {
    repositories: await createRepositories(app.database.client, app.database.db),
    notifier: app.notifier,
    agenda: app.jobs.agenda,
    clock,
    logger: createLogger({ LOG_LEVEL: 'silent' }),
  });
}
