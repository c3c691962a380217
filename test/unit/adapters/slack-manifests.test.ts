import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) =>
  readFileSync(new URL(`../../../manifests/slack/${name}`, import.meta.url), 'utf8');
const lines = (text: string, pattern: RegExp) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => pattern.test(l));

describe('the Socket Mode manifest', () => {
  const http = read('manifest.yaml');
  const socket = read('manifest.socket.yaml');

  it('turns Socket Mode on and names no request URL', () => {
    expect(socket).toContain('socket_mode_enabled: true');
    expect(socket).not.toMatch(/https?:\/\//);
    expect(lines(socket, /url:/)).toEqual([]);
  });

  it('has the same commands, scopes, events and interactivity as the HTTP manifest', () => {
    const same = /^(- command:|- [a-z_.:]+$|usage_hint:|is_enabled:|home_tab_enabled:)/;
    expect(lines(socket, same)).toEqual(lines(http, same));
  });
});
