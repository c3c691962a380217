import type { Activity } from 'botbuilder';
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  type AuthenticateRequestResult,
  AuthenticationError,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config.js';

/** Bot Framework authentication from the configuration; no app id means none (local use). */
function authOptions(config: Readonly<Config>): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppType: config.MICROSOFT_APP_TYPE ?? 'MultiTenant',
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? '',
  };
}

/** The app id a token was issued to (v1 `appid`, v2 `azp`) and its audience. */
const appIdOf = (identity: ClaimsIdentity) => {
  const claim = (type: string) => identity.claims.find((c) => c.type === type)?.value ?? '';
  return `${claim('aud')} ${claim('appid') || claim('azp')}`;
};

/** Promises by key, the least recently used dropped past `max`; a rejected one is forgotten. */
class PromiseCache<T extends object> {
  private readonly entries: LRUCache<string, Promise<T>>;

  constructor(max: number) {
    this.entries = new LRUCache({ max });
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      const made = make();
      made.catch(() => {
        if (this.entries.get(key) === made) this.entries.delete(key);
      });
      this.entries.set(key, made);
      entry = made;
    }
    return entry;
  }
}

/** Connector clients of one app id, one per service URL and audience. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly clients: PromiseCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(`${this.appId} ${serviceUrl} ${audience ?? ''}`, () =>
      this.inner.create(serviceUrl, audience),
    );
  }
}

/**
 * botbuilder's configuration-based authentication, with two changes made through its own
 * extension points (the adapter is constructed with this object):
 *
 * - Clients are reused. botbuilder builds a new connector client and a new user token
 *   client, each with its whole HTTP pipeline, for every activity and every proactive
 *   message. Both depend only on the bot's app id, the service URL and the audience (every
 *   call still gets its own token from the credentials), so they are built once.
 * - Every failed authentication is an `AuthenticationError` with a status code:
 *   jsonwebtoken's errors (a bad signature, a token not valid yet), which the connector lets
 *   through as they are, become 401s.
 */
export class TeamsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new PromiseCache<ConnectorClient>(1_000);
  private readonly userTokenClients = new PromiseCache<UserTokenClient>(100);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  static fromConfig(config: Readonly<Config>): TeamsAuthentication {
    return new TeamsAuthentication(
      new ConfigurationBotFrameworkAuthentication(authOptions(config)),
    );
  }

  authenticateRequest(activity: Activity, authHeader: string) {
    return this.reusingIn(this.inner.authenticateRequest(activity, authHeader));
  }

  authenticateStreamingRequest(authHeader: string, channelIdHeader: string) {
    return this.reusingIn(this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return authenticated(this.inner.authenticateChannelRequest(authHeader));
  }

  /** Proactive messages (notifications, button outcomes) get their connector here. */
  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusingConnectorFactory(
      this.inner.createConnectorFactory(claimsIdentity),
      appIdOf(claimsIdentity),
      this.connectors,
    );
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () =>
      this.inner.createUserTokenClient(claimsIdentity),
    );
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  /** An authentication's outcome, its connector factory reusing clients. */
  private async reusingIn(
    outcome: Promise<AuthenticateRequestResult>,
  ): Promise<AuthenticateRequestResult> {
    const result = await authenticated(outcome);
    const factory = result.connectorFactory;
    if (!factory) return result;
    return {
      ...result,
      connectorFactory: new ReusingConnectorFactory(
        factory,
        appIdOf(result.claimsIdentity),
        this.connectors,
      ),
    };
  }
}

/** The outcome of an authentication, its jsonwebtoken failures as 401 AuthenticationErrors. */
async function authenticated<T>(outcome: Promise<T>): Promise<T> {
  try {
    return await outcome;
  } catch (err) {
    // TokenExpiredError and NotBeforeError are JsonWebTokenErrors too.
    if (err instanceof jwt.JsonWebTokenError) {
      throw new AuthenticationError(err.message, 401);
    }
    // The OpenID metadata or signing keys could not be fetched: node-fetch's FetchError (a
    // refused connection, a body that is not JSON), or a TypeError for a metadata document
    // without `jwks_uri`. Nobody can be authenticated just now: 503, not a bug's 500.
    if (err instanceof Error && (err.name === 'FetchError' || /absolute URL/i.test(err.message))) {
      throw new AuthenticationError(`Bot Framework keys unavailable: ${err.message}`, 503);
    }
    throw err;
  }
}

/**
 * The HTTP answer to a failed authentication: 401 for a token that is missing or not good,
 * 503 when the signing keys could not be fetched (nobody could be authenticated just now),
 * undefined for anything that is not an authentication failure (a bug: 500).
 */
export function authStatus(err: unknown): 401 | 503 | undefined {
  if (!(err instanceof AuthenticationError)) return undefined;
  return err.statusCode >= 500 ? 503 : 401;
}
