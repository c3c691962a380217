import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  BotFrameworkAuthentication,
  ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { MentorbotTeamsAdapter } from '../../../src/adapters/teams/app.js';
import { authStatus, TeamsAuthentication } from '../../../src/adapters/teams/auth.js';

const SERVICE_URL = 'https://smba.test/amer/';
const identityOf = (appId: string) =>
  new ClaimsIdentity(
    [
      { type: 'aud', value: appId },
      { type: 'appid', value: appId },
    ],
    true,
  );

/** botbuilder's authentication as far as these tests need it, counting what it builds. */
class CountingAuthentication extends BotFrameworkAuthentication {
  connectorsBuilt = 0;
  userTokenClientsBuilt = 0;
  failNextConnector = false;
  failWith: unknown;

  async authenticateRequest(): Promise<AuthenticateRequestResult> {
    if (this.failWith !== undefined) throw this.failWith;
    const claimsIdentity = identityOf('app-1');
    return {
      audience: 'https://api.botframework.com',
      claimsIdentity,
      connectorFactory: this.createConnectorFactory(),
    };
  }

  async authenticateStreamingRequest(): Promise<AuthenticateRequestResult> {
    return this.authenticateRequest();
  }

  createConnectorFactory(): ConnectorFactory {
    const outer = this;
    return new (class extends ConnectorFactory {
      async create(serviceUrl: string): Promise<ConnectorClient> {
        if (outer.failNextConnector) {
          outer.failNextConnector = false;
          throw new Error('token endpoint down');
        }
        outer.connectorsBuilt += 1;
        return { serviceUrl, n: outer.connectorsBuilt } as unknown as ConnectorClient;
      }
    })();
  }

  async createUserTokenClient(): Promise<UserTokenClient> {
    this.userTokenClientsBuilt += 1;
    return { n: this.userTokenClientsBuilt } as unknown as UserTokenClient;
  }
}

describe('Teams authentication: connector and user token clients are built once', () => {
  it('reuses one connector client per app id, service URL and audience', async () => {
    const inner = new CountingAuthentication();
    const auth = new TeamsAuthentication(inner);
    const first = await auth.createConnectorFactory(identityOf('app-1')).create(SERVICE_URL, 'a');
    const again = await auth.createConnectorFactory(identityOf('app-1')).create(SERVICE_URL, 'a');
    expect(again).toBe(first);
    expect(inner.connectorsBuilt).toBe(1);

    const otherService = await auth
      .createConnectorFactory(identityOf('app-1'))
      .create('https://smba.test/emea/', 'a');
    const otherAudience = await auth
      .createConnectorFactory(identityOf('app-1'))
      .create(SERVICE_URL, 'b');
    const otherApp = await auth
      .createConnectorFactory(identityOf('app-2'))
      .create(SERVICE_URL, 'a');
    expect(new Set([first, otherService, otherAudience, otherApp]).size).toBe(4);
    expect(inner.connectorsBuilt).toBe(4);
  });

  it('shares the clients of authenticated activities with proactive messages', async () => {
    const inner = new CountingAuthentication();
    const auth = new TeamsAuthentication(inner);
    const result = await auth.authenticateRequest({ type: 'message' } as Activity, 'Bearer x');
    const inbound = await result.connectorFactory?.create(SERVICE_URL, 'a');
    const proactive = await auth
      .createConnectorFactory(identityOf('app-1'))
      .create(SERVICE_URL, 'a');
    expect(proactive).toBe(inbound);
    expect(inner.connectorsBuilt).toBe(1);
  });

  it('forgets a client that could not be built, so the next call tries again', async () => {
    const inner = new CountingAuthentication();
    const auth = new TeamsAuthentication(inner);
    inner.failNextConnector = true;
    const factory = auth.createConnectorFactory(identityOf('app-1'));
    await expect(factory.create(SERVICE_URL)).rejects.toThrow('token endpoint down');
    const client = await factory.create(SERVICE_URL);
    expect(await factory.create(SERVICE_URL)).toBe(client);
    expect(inner.connectorsBuilt).toBe(1);
  });

  it('reuses one user token client per app id', async () => {
    const inner = new CountingAuthentication();
    const auth = new TeamsAuthentication(inner);
    const first = await auth.createUserTokenClient(identityOf('app-1'));
    expect(await auth.createUserTokenClient(identityOf('app-1'))).toBe(first);
    expect(await auth.createUserTokenClient(identityOf('app-2'))).not.toBe(first);
    expect(inner.userTokenClientsBuilt).toBe(2);
  });

  it('the adapter on botbuilder authentication gives every proactive turn the same clients', async () => {
    const adapter = new MentorbotTeamsAdapter(
      new TeamsAuthentication(new ConfigurationBotFrameworkAuthentication({})),
    );
    const reference: Partial<ConversationReference> = {
      serviceUrl: SERVICE_URL,
      channelId: 'msteams',
      conversation: { id: 'a:personal', isGroup: false, conversationType: 'personal', name: '' },
      bot: { id: 'bot', name: 'mentorbot' },
    };
    const seen: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      await adapter.continueConversationAsync('', reference, async (context) => {
        seen.push(context.turnState.get(adapter.ConnectorClientKey));
        seen.push(context.turnState.get(adapter.UserTokenClientKey));
      });
    }
    const [connector, userTokens] = seen;
    expect(connector).toBeDefined();
    expect(userTokens).toBeDefined();
    expect(seen).toHaveLength(6);
    for (let i = 0; i < seen.length; i += 2) {
      expect(seen[i]).toBe(connector);
      expect(seen[i + 1]).toBe(userTokens);
    }
  });
});

describe('Teams authentication failures are mapped by type', () => {
  const failing = (err: unknown) => {
    const inner = new CountingAuthentication();
    inner.failWith = err;
    return new TeamsAuthentication(inner).authenticateRequest(
      { type: 'message' } as Activity,
      'Bearer x',
    );
  };

  it("turns jsonwebtoken's failures into 401 AuthenticationErrors", async () => {
    for (const err of [
      new jwt.JsonWebTokenError('invalid signature'),
      new jwt.TokenExpiredError('jwt expired', new Date(0)),
      new jwt.NotBeforeError('jwt not active', new Date(0)),
    ]) {
      const thrown = await failing(err).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(AuthenticationError);
      expect((thrown as AuthenticationError).statusCode).toBe(401);
      expect(authStatus(thrown)).toBe(401);
    }
  });

  it('lets anything else through as it is', async () => {
    const bug = new TypeError('undefined is not a function');
    expect(await failing(bug).catch((e: unknown) => e)).toBe(bug);
    expect(authStatus(bug)).toBeUndefined();
  });

  it('answers 401 for a refused token, 503 when the signing keys could not be fetched', () => {
    expect(authStatus(new AuthenticationError('Unauthorized Access', 401))).toBe(401);
    expect(authStatus(new AuthenticationError('Failed to load Keys: 502', 500))).toBe(503);
  });

  it('does not go by names: an error merely called AuthenticationError is a bug (500)', () => {
    class AuthenticationErrorLookalike extends Error {
      override name = 'AuthenticationError';
      statusCode = 401;
    }
    Object.defineProperty(AuthenticationErrorLookalike, 'name', { value: 'AuthenticationError' });
    const lookalike = new AuthenticationErrorLookalike('nope');
    expect(lookalike.constructor.name).toBe('AuthenticationError');
    expect(authStatus(lookalike)).toBeUndefined();
    const named = Object.assign(new Error('bad'), { name: 'JsonWebTokenError' });
    expect(authStatus(named)).toBeUndefined();
  });
});
