import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SLACK_INSTALLATIONS } from '../../../src/adapters/slack/installation-store.js';
import { BOT_SCOPES } from '../../../src/adapters/slack/oauth.js';
import { SLACK_HOST, slashCommand, TEAM } from '../../fixtures/slack/payloads.js';
import { type SlackService, SlackStub, startSlackService } from './harness.js';

/**
 * Installing into many workspaces: /slack/install hands out Slack's authorize URL with a
 * state bound to the browser by a cookie, /slack/oauth_redirect exchanges the code with
 * oauth.v2.access, stores the installation in MongoDB and makes the installer the
 * workspace's admin; requests from that team then run with the stored bot token.
 */

const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'client-secret-0a1b2c3d4e5f';
const BASE_URL = 'https://mentorbot.example.com';
const INSTALLER = 'U0INSTALLER';
const BOT_USER = 'U0BOTUSER';
const BOT_TOKEN = `xoxb-${TEAM.id}-installed-bot-token`;
const COOKIE = 'slack-app-oauth-state';

let service: SlackService;
let slack: SlackStub | undefined;
let base: string;

beforeAll(async () => {
  service = await startSlackService({
    // No single-workspace token and no configured admins: OAuth mode, admins from installs.
    SLACK_BOT_TOKEN: '',
    SLACK_ADMIN_USER_IDS: '',
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: 'state-secret-9f8e7d6c5b4a',
    PUBLIC_BASE_URL: BASE_URL,
  });
  base = `http://127.0.0.1:${service.app.port}`;
});
afterAll(() => service.stop());
afterEach(() => {
  slack?.close();
  slack = undefined;
  nock.cleanAll();
});

const installations = () => service.app.database.db.collection(SLACK_INSTALLATIONS);

/** GET /slack/install: the authorize URL from the page's link, and the state cookie. */
async function startInstall(): Promise<{ authorize: URL; state: string; cookie: string }> {
  const res = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const location = res.headers.get('location');
  const html = await res.text();
  const href =
    location ?? html.match(/href="(https:\/\/slack\.com\/oauth\/v2\/authorize[^"]*)"/)?.[1];
  expect(res.status === 200 || res.status === 302).toBe(true);
  expect(href, 'install page links to Slack').toBeDefined();
  const authorize = new URL((href as string).replaceAll('&amp;', '&'));
  const state = authorize.searchParams.get('state') ?? '';
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  expect(setCookie, 'state cookie').toBeDefined();
  const cookie = (setCookie as string).split(';')[0] as string;
  return { authorize, state, cookie };
}

const callback = (query: Record<string, string>, cookie?: string) =>
  fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(query)}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
    // A callback that wrongly goes on to Slack would otherwise wait out the client's retries.
    signal: AbortSignal.timeout(5_000),
  });

/** oauth.v2.access as Slack answers it for a bot install without user scopes. */
function oauthAccess() {
  const seen: { body?: Record<string, string> } = {};
  const scope = nock(SLACK_HOST)
    .post('/api/oauth.v2.access', (body) => {
      seen.body = body;
      return true;
    })
    .reply(200, {
      ok: true,
      app_id: 'A0MENTORBOT',
      authed_user: { id: INSTALLER },
      scope: BOT_SCOPES.join(','),
      token_type: 'bot',
      access_token: BOT_TOKEN,
      bot_user_id: BOT_USER,
      team: { id: TEAM.id, name: 'Mentorbot Test' },
      enterprise: null,
      is_enterprise_install: false,
    });
  return { scope, seen };
}

describe('Slack OAuth (many workspaces)', () => {
  it('refuses a callback with a missing, forged or cookieless state and stores nothing', async () => {
    const { state, cookie } = await startInstall();
    const access = oauthAccess();
    const forged =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpbnN0YWxsT3B0aW9ucyI6e30sIm5vdyI6IjIwMjUifQ.' +
      'c2lnbmVkLXdpdGgtYW5vdGhlci1zZWNyZXQ';
    const attempts: [Record<string, string>, string | undefined][] = [
      [{ code: 'code-1' }, cookie], // no state at all
      [{ code: 'code-1', state }, undefined], // the state, but not this browser's
      [{ code: 'code-1', state: forged }, `${COOKIE}=${forged}`], // not signed by us
      [{ code: 'code-1', state: `${state}x` }, `${COOKIE}=${state}x`], // tampered
      [{ state }, cookie], // no code
    ];
    for (const [query, withCookie] of attempts) {
      const res = await callback(query, withCookie);
      expect(res.status, JSON.stringify(query)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await res.text()).toContain('did not complete');
    }
    expect(access.scope.isDone(), 'oauth.v2.access must not be called').toBe(false);
    expect(await installations().countDocuments()).toBe(0);
    expect(await service.core.workspaces.get(`slack:${TEAM.id}`)).toBeFalsy();
    expect(await service.core.people.get(`slack:${TEAM.id}:${INSTALLER}`)).toBeFalsy();
  });

  it('installs a workspace: authorize URL, code exchange, stored installation, installer is admin', async () => {
    const { authorize, state, cookie } = await startInstall();
    expect(authorize.origin + authorize.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorize.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(authorize.searchParams.get('scope')?.split(',')).toEqual(BOT_SCOPES);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${BASE_URL}/slack/oauth_redirect`);
    expect(state.length).toBeGreaterThan(20);
    expect(cookie).toBe(`${COOKIE}=${state}`);

    slack = new SlackStub({ [INSTALLER]: { name: 'Ines', tz: 'Europe/Paris' } });
    const access = oauthAccess();
    const authTest = nock(SLACK_HOST, { reqheaders: { authorization: `Bearer ${BOT_TOKEN}` } })
      .post('/api/auth.test')
      .reply(200, {
        ok: true,
        url: 'https://mentorbot-test.slack.com/',
        team: 'Mentorbot Test',
        user: 'mentorbot',
        team_id: TEAM.id,
        user_id: BOT_USER,
        bot_id: 'B0MENTORBOT',
        is_enterprise_install: false,
      });

    const res = await callback({ code: 'the-code', state }, cookie);
    expect(await res.text()).toContain('mentorbot is installed');
    expect(res.status).toBe(200);
    // The state cookie is spent.
    expect(res.headers.getSetCookie().join(';')).toMatch(new RegExp(`${COOKIE}=deleted`));

    access.scope.done();
    authTest.done();
    expect(access.seen.body).toMatchObject({
      code: 'the-code',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: `${BASE_URL}/slack/oauth_redirect`,
    });

    const docs = await installations().find().toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      _id: `T:${TEAM.id}`,
      tenantId: TEAM.id,
      installation: {
        team: { id: TEAM.id, name: 'Mentorbot Test' },
        user: { id: INSTALLER },
        bot: { token: BOT_TOKEN, userId: BOT_USER, id: 'B0MENTORBOT', scopes: BOT_SCOPES },
        isEnterpriseInstall: false,
        authVersion: 'v2',
      },
    });

    const workspace = await service.core.workspaces.get(`slack:${TEAM.id}`);
    expect(workspace).toMatchObject({
      platform: 'slack',
      tenantId: TEAM.id,
      name: 'Mentorbot Test',
      installedBy: `slack:${TEAM.id}:${INSTALLER}`,
    });
    const installer = await service.core.people.get(`slack:${TEAM.id}:${INSTALLER}`);
    expect(installer?.roles).toContain('admin');
    expect(installer?.displayName).toBe('Ines');
    // The installer's profile was read with the new bot token's client.
    expect(slack.of('users.info').map((c) => c.args.user)).toContain(INSTALLER);
  });

  it('authorizes a signed slash command from the installed team with the stored bot token', async () => {
    expect(await installations().countDocuments(), 'needs the install above').toBe(1);
    slack = new SlackStub({ [INSTALLER]: { name: 'Ines' } });
    // Only requests carrying the installed bot token match these.
    const api = nock(SLACK_HOST, { reqheaders: { authorization: `Bearer ${BOT_TOKEN}` } });
    let updated: string | undefined;
    api.post('/api/views.open').reply(200, { ok: true, view: { id: 'VOAUTH1', hash: 'h1' } });
    api.post('/api/views.update').reply(200, (_uri, body) => {
      updated = typeof body === 'string' ? body : JSON.stringify(body);
      return { ok: true, view: { id: 'VOAUTH1', hash: 'h2' } };
    });

    // Workspace settings are for admins only: the installer gets the form, not a refusal.
    const res = await service.send(
      slashCommand({ command: '/mentorbot', user: INSTALLER, text: 'settings' }),
    );
    expect(res.status).toBe(200);
    const until = Date.now() + 5_000;
    // `updated` is set by the reply, which nock runs a tick after the call counts as done.
    while (updated === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    api.done();
    const fields = new URLSearchParams(updated ?? '');
    expect(fields.get('view_id')).toBe('VOAUTH1');
    expect(JSON.parse(fields.get('view') ?? '{}').callback_id).toBe('settings.workspace');
  });

  it('does not run listeners for a team that never installed the app', async () => {
    slack = new SlackStub({});
    // Any token at all: nothing may be called for this team.
    const api = nock(SLACK_HOST).post('/api/views.open').reply(200, { ok: true });
    const command = slashCommand({ command: '/mentorbot', user: 'U0STRANGER', text: 'settings' });
    const body = new URLSearchParams(command.body);
    body.set('team_id', 'T0OTHER');
    const res = await service.send({ ...command, body: body.toString() });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls).toEqual([]);
    expect(api.isDone(), 'views.open must not be called').toBe(false);
    expect(await service.core.workspaces.get('slack:T0OTHER')).toBeFalsy();
  });
});
