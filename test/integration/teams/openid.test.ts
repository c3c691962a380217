import { generateKeyPair, SignJWT } from 'jose';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_URL, taskFetch, teamsUser } from '../../fixtures/teams/activities.js';
import { startTeams, type TeamsHarness } from './harness.js';

// A file of its own: botframework-connector caches the OpenID metadata per process.
const APP_ID = '11111111-2222-3333-4444-555555555555';
const OPENID = 'https://login.botframework.com';

let h: TeamsHarness;
let bearer: string;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256');
  bearer = await new SignJWT({ serviceurl: SERVICE_URL })
    .setProtectedHeader({ alg: 'RS256', kid: 'some-key', typ: 'JWT' })
    .setIssuer('https://api.botframework.com')
    .setAudience(APP_ID)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
  h = await startTeams({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'app-password' });
});
afterAll(() => h?.stop());

const ada = teamsUser('Ada Lovelace', 'tenant-openid');

describe('when the Bot Framework OpenID metadata cannot be fetched', () => {
  it.each([
    ['the connection fails', () => nock(OPENID).get(/.*/).replyWithError('ECONNRESET')],
    ['it answers 500', () => nock(OPENID).get(/.*/).reply(500, 'down')],
    ['it answers what is not JSON', () => nock(OPENID).get(/.*/).reply(200, '<html>')],
    ['it has no jwks_uri', () => nock(OPENID).get(/.*/).reply(200, { issuer: 'x' })],
  ])('a signed activity gets 503 when %s', async (_case, serve) => {
    const scope = serve();
    const res = await h.post(taskFetch(ada, { verb: 'profile.mentee' }), {
      authorization: `Bearer ${bearer}`,
    });
    expect(res.status).toBe(503);
    expect(scope.isDone()).toBe(true);
    nock.cleanAll();
  });
});
