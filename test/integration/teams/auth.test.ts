import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdOf, SERVICE_URL, taskFetch, teamsUser } from '../../fixtures/teams/activities.js';
import { startTeams, type TeamsHarness } from './harness.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const KID = 'test-key-1';
/** A key the Bot Framework publishes for another channel (Web Chat), not for Teams. */
const WEBCHAT_KID = 'webchat-key-1';
const OPENID = 'https://login.botframework.com';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let h: TeamsHarness;
let trusted: PrivateKey;
let forger: PrivateKey;
let webchat: PrivateKey;

/** A Bot Framework channel token as Teams sends it: issuer, audience = our app id, serviceurl. */
async function token(
  key: PrivateKey,
  claims: Record<string, unknown> = {},
  kid = KID,
  audience = APP_ID,
) {
  return new SignJWT({ serviceurl: SERVICE_URL, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuer('https://api.botframework.com')
    .setAudience(audience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime('5m')
    .sign(key);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  trusted = pair.privateKey;
  forger = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: KID, use: 'sig', alg: 'RS256' };
  const webchatPair = await generateKeyPair('RS256', { extractable: true });
  webchat = webchatPair.privateKey;
  const webchatJwk: JWK = {
    ...(await exportJWK(webchatPair.publicKey)),
    kid: WEBCHAT_KID,
    use: 'sig',
    alg: 'RS256',
  };
  // The OpenID metadata and the signing keys of the Bot Framework, served by nock.
  nock(OPENID)
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, {
      issuer: 'https://api.botframework.com',
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${OPENID}/v1/.well-known/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    })
    .get('/v1/.well-known/keys')
    .reply(200, {
      keys: [
        { ...jwk, endorsements: ['msteams'] },
        { ...webchatJwk, endorsements: ['webchat'] },
      ],
    });
  h = await startTeams({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'app-password' });
});
afterAll(() => h?.stop());

const ada = teamsUser('Ada Lovelace', 'tenant-auth');
const fetchProfile = () => taskFetch(ada, { verb: 'profile.mentee' });

describe('Bot Framework authentication (an app id is configured)', () => {
  it('refuses an activity without a token with 401, and changes nothing', async () => {
    const res = await h.post(fetchProfile());
    expect(res.status).toBe(401);
    expect(await h.core.people.get(personIdOf(ada))).toBeUndefined();
    expect(await h.core.workspaces.get('teams:tenant-auth')).toBeUndefined();
  });

  it('refuses forged tokens: another key, wrong audience, wrong serviceUrl, garbage', async () => {
    const forged = await token(forger);
    const otherAudience = await token(trusted, {}, KID, 'someone-else');
    const otherService = await token(trusted, { serviceurl: 'https://evil.test/' });
    const unknownKey = await token(trusted, {}, 'unknown-kid');
    for (const bearer of [forged, otherAudience, otherService, unknownKey, 'not-a-jwt']) {
      const res = await h.post(fetchProfile(), { authorization: `Bearer ${bearer}` });
      expect(res.status, bearer.slice(0, 20)).toBe(401);
    }
    expect(await h.core.people.get(personIdOf(ada))).toBeUndefined();
  });

  it('accepts a token signed by the published key', async () => {
    const res = await h.post(fetchProfile(), { authorization: `Bearer ${await token(trusted)}` });
    expect(res.status).toBe(200);
    expect(res.body.task.type).toBe('continue');
    expect((await h.core.people.get(personIdOf(ada)))?.displayName).toBe('Ada Lovelace');
  });

  it("takes Teams' localTimezone as the person's zone, replacing the stored one", async () => {
    const moved = { ...ada, timeZone: 'America/Chicago' };
    const res = await h.post(taskFetch(moved, { verb: 'profile.mentee' }), {
      authorization: `Bearer ${await token(trusted)}`,
    });
    expect(res.status).toBe(200);
    expect((await h.core.people.get(personIdOf(ada)))?.timeZone).toBe('America/Chicago');
  });

  it('refuses an activity from another Bot Framework channel, even signed by its own key', async () => {
    const before = await h.core.people.get(personIdOf(ada));
    const fromWebChat = { ...fetchProfile(), channelId: 'webchat' };
    const res = await h.post(fromWebChat, {
      authorization: `Bearer ${await token(webchat, {}, WEBCHAT_KID)}`,
    });
    expect(res.status).toBe(403);
    expect(await h.core.people.get(personIdOf(ada))).toEqual(before);
  });
});
