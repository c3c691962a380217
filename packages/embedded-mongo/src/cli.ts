import { parseArgs } from 'node:util';
import pino from 'pino';
import { startEmbeddedMongo } from './index.js';

/**
 * `npm run mongo:embedded -- --port 27018`: the embedded server on its own, for mongosh,
 * Compass or a test run. In memory only; not for production. `--enable-test-commands`
 * (mongod's `--setParameter enableTestCommands=1`) accepts `configureFailPoint`.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', short: 'p', default: '27018' },
    'enable-test-commands': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(
    `mongo:embedded: --port must be an integer between 0 and 65535 (got "${values.port}")\n`,
  );
  process.exit(1);
}
const logger = pino({ name: 'embedded-mongo' });
const enableTestCommands = values['enable-test-commands'] === true;
const server = await startEmbeddedMongo({ port, logger, enableTestCommands });
logger.info(
  { uri: server.uri, enableTestCommands },
  'embedded MongoDB-compatible server listening (in memory, for development and tests only; not for production)',
);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
