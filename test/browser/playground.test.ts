import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run playground` as a person would use it: the service with its demo workspace and one
 * Microsoft 365 Agents Playground per demo person, driven by Chromium. A mentee asks for help
 * and requests a session from a mentor; then, in the mentor's playground, the mentor sees the
 * request. Screenshots go to docs/img/ (the README shows them).
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = 'docs/img';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let playground: ChildProcess | undefined;
let browser: Browser | undefined;
const urls = new Map<string, string>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  const servicePort = await freePort();
  // Three playgrounds on consecutive ports from here; far from the default 56150.
  const playgroundPort = 20_000 + Math.floor(Math.random() * 20_000);
  playground = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/playground.ts', 'megan', 'priya', 'admin'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: String(servicePort),
        PLAYGROUND_PORT: String(playgroundPort),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group, so the service and playgrounds stop with it
    },
  );
  let out = '';
  await new Promise<void>((resolve, reject) => {
    playground?.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C stops everything')) resolve();
    });
    playground?.on('exit', (code) => reject(new Error(`playground exited (${code}): ${out}`)));
  });
  for (const match of out.matchAll(/(http:\/\/localhost:\d+) {2}as .* \((\w+)\)/g)) {
    urls.set(match[2] as string, match[1] as string);
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (playground?.pid) process.kill(-playground.pid, 'SIGTERM');
});

/** A playground page as one demo person; nothing leaves this machine (the page's CDN fonts and
 * telemetry are refused). */
async function openAs(handle: string): Promise<Page> {
  const url = urls.get(handle);
  if (!url || !browser) throw new Error(`no playground for ${handle}`);
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(url);
  // The bot greets every new conversation with its help card.
  await expect
    .poll(() => page.getByText('Type one of these commands').count(), { timeout: 60_000 })
    .toBeGreaterThan(0);
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-lexical-editor="true"]').first();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** The last adaptive card in the chat whose text contains `text`. */
const card = (page: Page, text: string | RegExp) =>
  page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

describe('npm run playground', () => {
  it('a mentee gets help and requests a session; the mentor sees the request', async () => {
    const mentee = await openAs('megan');
    await say(mentee, 'help');
    await expect
      .poll(() => mentee.locator('.ac-adaptiveCard', { hasText: 'my requests' }).count(), {
        timeout: 30_000,
      })
      .toBeGreaterThan(1); // the greeting and the answer to "help"
    await mentee.screenshot({ path: `${SHOTS}/playground-help.png` });

    // The dialog Teams would open shows in the chat: the playground has no dialogs.
    await say(mentee, 'request session Priya');
    // Not the help card, which describes the same command and has the same button.
    await card(mentee, 'Ask a mentor for a session.')
      .filter({ hasNotText: 'Type one of these commands' })
      .getByRole('button', { name: 'Request a session' })
      .click();
    const form = card(mentee, 'Message (optional)');
    await form.waitFor({ timeout: 30_000 });
    // The mentor named in the command is chosen already (the input fills in once rendered).
    await expect
      .poll(() => form.getByRole('combobox').inputValue(), { timeout: 10_000 })
      .toMatch(/Priya Raman/);
    await form.locator('textarea').fill('Could you help me prepare a system design interview?');
    await form.getByRole('button', { name: 'Send request' }).click();
    await card(mentee, /asked Priya Raman|Priya Raman/)
      .filter({ hasText: /request/i })
      .waitFor({ timeout: 30_000 });
    await mentee.screenshot({ path: `${SHOTS}/playground-request.png` });

    const mentor = await openAs('priya');
    await say(mentor, 'incoming requests');
    const request = card(mentor, 'Megan Bowen');
    await request.waitFor({ timeout: 30_000 });
    expect(await request.textContent()).toContain('system design interview');
    await mentor.screenshot({ path: `${SHOTS}/playground-mentor.png` });
  });
});
