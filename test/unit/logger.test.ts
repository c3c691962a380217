import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUri } from '../../src/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ LOG_LEVEL: 'info' }, stream) };
}

describe('createLogger', () => {
  it('writes JSON lines with a level label', () => {
    const { lines, logger } = capture();
    logger.info({ n: 1 }, 'hello');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'hello', n: 1, service: 'mentorbot' });
  });

  it('redacts secrets at the top level and one object down', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        token: 'xoxb-top',
        headers: { authorization: 'Bearer abc', cookie: 'sid=1', accept: 'json' },
        config: { SLACK_BOT_TOKEN: 'xoxb-cfg', MONGODB_URI: 'mongodb://u:p@h', PORT: 3000 },
        req: { headers: { authorization: 'Basic x' } },
      },
      'secrets',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['xoxb-top', 'Bearer abc', 'sid=1', 'xoxb-cfg', 'u:p@h', 'Basic x']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ headers: { accept: 'json' }, config: { PORT: 3000 } });
  });
});

describe('redactUri', () => {
  it.each([
    ['mongodb://user:pw@db:27017/app', 'mongodb://***@db:27017/app'],
    ['mongodb+srv://user:pw@cluster.example.net/app', 'mongodb+srv://***@cluster.example.net/app'],
    [
      'mongodb://a:b@h1:27017,h2:27017/app?replicaSet=rs',
      'mongodb://***@h1:27017,h2:27017/app?replicaSet=rs',
    ],
    ['mongodb://127.0.0.1:27017/', 'mongodb://127.0.0.1:27017/'],
    [
      'mongodb://h/app?tlsCertificateKeyFilePassword=pw&w=1',
      'mongodb://h/app?tlsCertificateKeyFilePassword=***&w=1',
    ],
    // An unescaped @ in the password: hide too much rather than leak.
    ['mongodb://user:p@ss@db/app', 'mongodb://***@db/app'],
  ])('%s → %s', (uri, expected) => {
    expect(redactUri(uri)).toBe(expected);
  });
});
