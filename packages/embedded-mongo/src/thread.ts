import { Worker } from 'node:worker_threads';
import type { EmbeddedMongo, EmbeddedMongoOptions } from './index.js';

type WorkerMessage =
  | { type: 'ready'; uri: string; port: number }
  | { type: 'stopped' }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; obj: object; msg?: string };

/** Starts the embedded server on a worker thread (see worker.ts). */
export function startEmbeddedMongoThread(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  // pathname: tsx's scoped loader (tsImport, used by the built app) adds a query to the URL.
  const typescript = new URL(import.meta.url).pathname.endsWith('.ts');
  const url = new URL(typescript ? './worker.ts' : './worker.js', import.meta.url);
  const workerData = { port: options.port ?? 0, enableTestCommands: options.enableTestCommands };
  // Under tsx (development, tests, benchmarks) the worker registers the same TypeScript
  // loader before it imports the entry; the built service runs the compiled .js directly.
  const worker = typescript
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(url, { workerData });
  const logger = options.logger;
  return new Promise((resolve, reject) => {
    let stopped: (() => void) | undefined;
    worker.on('error', (err) => {
      logger?.error({ err: err.message }, 'embedded mongo worker failed');
      reject(err);
    });
    worker.on('exit', () => stopped?.());
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') logger?.[message.level](message.obj, message.msg);
      else if (message.type === 'stopped') void worker.terminate();
      else if (message.type === 'ready') {
        resolve({
          uri: message.uri,
          port: message.port,
          eventLoopUtilization: () => worker.performance.eventLoopUtilization(),
          stop: () =>
            new Promise<void>((done) => {
              stopped = done;
              worker.postMessage({ type: 'stop' });
            }),
        });
      }
    });
  });
}
