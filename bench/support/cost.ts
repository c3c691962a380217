import { performance } from 'node:perf_hooks';
import type { Database } from '../../src/adapters/mongo/client.js';
import type { StandIn } from './load.js';

/** What a scenario cost, per interaction. */
export interface Cost {
  /** CPU of the service (the process, without the database thread), ms. */
  readonly serviceCpuMs: number;
  /** Busy time of the embedded database's thread, ms (undefined on MONGODB_URI). */
  readonly databaseMs: number | undefined;
  /** Commands the service sent to the database (driver command monitoring). */
  readonly databaseCommands: number;
  /** Calls to the platform API stand-in. */
  readonly apiCalls: number;
}

/**
 * Starts measuring what the work from now on costs: the process's CPU
 * (`process.cpuUsage`: every thread, the embedded database's included, so its thread's busy
 * time, from its event loop's utilization, is taken out), the driver's commands, and the
 * stand-in's calls. `stop(n)` divides by the `n` interactions of the scenario.
 */
export async function startCost(database: Database, api: StandIn) {
  let commands = 0;
  const count = () => {
    commands += 1;
  };
  database.client.on('commandStarted', count);
  const cpu = process.cpuUsage();
  const loop = database.embeddedLoad?.();
  const calls = await api.calls();
  return {
    async stop(interactions: number): Promise<Cost> {
      database.client.off('commandStarted', count);
      const used = process.cpuUsage(cpu);
      const busy = loop
        ? performance.eventLoopUtilization(database.embeddedLoad?.(), loop).active
        : undefined;
      const processMs = (used.user + used.system) / 1000;
      return {
        serviceCpuMs: (processMs - (busy ?? 0)) / interactions,
        databaseMs: busy === undefined ? undefined : busy / interactions,
        databaseCommands: commands / interactions,
        apiCalls: ((await api.calls()) - calls) / interactions,
      };
    },
  };
}

export const costColumns = '| service CPU ms | database thread ms | DB commands | API calls |';
export const costCells = (c: Cost) =>
  `| ${c.serviceCpuMs.toFixed(2)} | ${c.databaseMs === undefined ? '-' : c.databaseMs.toFixed(2)} | ${c.databaseCommands.toFixed(1)} | ${c.apiCalls.toFixed(1)} |`;
