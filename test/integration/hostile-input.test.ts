import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackService, SlackStub, startSlackService } from './slack/harness.js';

/**
 * Input from whoever can reach the port: the service answers it, stays up, and never reads
 * more than it has to. The Slack and Teams endpoints of one service (Teams without an app
 * id: every activity reaches the bot, the widest surface).
 */

let service: SlackService;
let slack: SlackStub;
beforeAll(async () => {
  service = await startSlackService();
  slack = new SlackStub({});
});
afterAll(async () => {
  slack.close();
  await service.stop();
});

/** Sends raw bytes and resolves with the status line of the answer (or 'closed'/'timeout'). */
function rawRequest(head: string, withinMs = 3_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(service.app.port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('timeout');
    }, withinMs);
    socket.on('data', (chunk) => {
      answer += chunk;
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(answer.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer.split('\r\n')[0] || 'closed');
    });
    socket.write(head);
  });
}

describe('bodies over the limit', () => {
  it.each([
    ['/slack/events', 'application/x-www-form-urlencoded'],
    ['/api/messages', 'application/json'],
  ])(
    '%s refuses a declared Content-Length over 1 MB with 413 before reading the body',
    async (path, type) => {
      const head = [
        `POST ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        `Content-Type: ${type}`,
        'Content-Length: 10000000000',
        '',
        '',
      ].join('\r\n');
      // Not a byte of the body is sent: the answer can only come from the header.
      expect(await rawRequest(head)).toBe('HTTP/1.1 413 Payload Too Large');
    },
  );
});
