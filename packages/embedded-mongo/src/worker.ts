import { parentPort, workerData } from 'node:worker_threads';
import { startEmbeddedMongo } from './server.js';

/**
 * Worker-thread entry of the embedded server: the server runs on its own thread so that the
 * application (and its driver) and the database do not share one event loop. Log lines are
 * posted to the parent, which writes them with its own logger.
 */
const port = parentPort;
if (!port) throw new Error('embedded-mongo worker must run in a worker thread');

const log =
  (level: 'info' | 'warn' | 'error') =>
  (obj: object, msg?: string): void =>
    port.postMessage({ type: 'log', level, obj, msg });

const data = workerData as { port?: number; enableTestCommands?: boolean };
const server = await startEmbeddedMongo({
  port: data.port ?? 0,
  enableTestCommands: data.enableTestCommands === true,
  logger: { info: log('info'), warn: log('warn'), error: log('error') },
});
port.on('message', async (message: { type: string }) => {
  if (message.type !== 'stop') return;
  await server.stop();
  port.postMessage({ type: 'stopped' });
});
port.postMessage({ type: 'ready', uri: server.uri, port: server.port });
