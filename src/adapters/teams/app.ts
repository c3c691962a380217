import {
  AdaptiveCardActionExecuteResponseType,
  Application,
  TeamsAdapter,
} from '@microsoft/teams-ai';
import type {
  Activity,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  InvokeResponse,
  TurnContext,
} from 'botbuilder';
import type { Config } from '../../config.js';
import { registerActions } from './handlers/actions.js';
import { registerDialogs } from './handlers/dialogs.js';
import { registerInstall } from './handlers/install.js';
import { registerShow } from './handlers/show.js';
import { answer, createBeforeTurn, SORRY, type TeamsDeps } from './handlers/turn.js';

/** An authenticated activity's claims and connector factory (botframework-connector's type). */
export type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];

/** The app id a token was issued to (v1 `appid`, v2 `azp`) and its audience. */
const appIdOf = (identity: ClaimsIdentity) => {
  const claim = (type: string) => identity.claims.find((c) => c.type === type)?.value ?? '';
  return `${claim('aud')} ${claim('appid') || claim('azp')}`;
};

/** Promises by key, at most `limit` of them; a rejected one is forgotten. */
class PromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly limit: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.limit) this.entries.clear();
      entry = make();
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
    }
    return entry;
  }
}

/**
 * The botbuilder CloudAdapter (through teams-ai's TeamsAdapter) with one public entry for
 * an already-parsed activity, so the shared HTTP server keeps the transport and this adapter
 * only authenticates and runs the turn.
 */
export class MentorbotTeamsAdapter extends TeamsAdapter {
  /**
   * botbuilder builds a new connector client and a new user token client, each with its
   * whole HTTP pipeline, for every activity and every proactive message. Both depend only
   * on the bot's app id, the service URL and the audience (each call still gets its token),
   * so they are reused.
   */
  private readonly connectors = new PromiseCache<ConnectorClient>(1_000);

  constructor(options: ConfigurationBotFrameworkAuthenticationOptions) {
    super(options);
    const auth = this.botFrameworkAuthentication;
    const createUserTokenClient = auth.createUserTokenClient.bind(auth);
    const userTokenClients = new PromiseCache<Awaited<ReturnType<typeof createUserTokenClient>>>(
      100,
    );
    auth.createUserTokenClient = (identity) =>
      userTokenClients.get(appIdOf(identity), () => createUserTokenClient(identity));
    // Proactive messages (notifications, button outcomes) get their connector here.
    const createConnectorFactory = auth.createConnectorFactory.bind(auth);
    auth.createConnectorFactory = (identity) =>
      this.reusing(createConnectorFactory(identity), appIdOf(identity));
  }

  /** Verifies the Bot Framework JWT (when an app id is configured); throws when it fails. */
  async authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    const result = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    return { ...result, connectorFactory: this.reusing(factory, appIdOf(result.claimsIdentity)) };
  }

  private reusing(factory: ConnectorFactory, appId: string): ConnectorFactory {
    const connectors = this.connectors;
    return {
      create: (serviceUrl: string, audience?: string) =>
        connectors.get(`${appId} ${serviceUrl} ${audience ?? ''}`, () =>
          factory.create(serviceUrl, audience),
        ),
    };
  }

  /** Runs the turn of an authenticated activity; resolves with the invoke response, if any. */
  run(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ) {
    return this.processActivity(auth, activity, logic) as Promise<InvokeResponse | undefined>;
  }
}

/** Bot Framework authentication from the configuration; no app id means none (local use). */
export function authOptions(
  config: Readonly<Config>,
): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: config.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppType: config.MICROSOFT_APP_TYPE ?? 'MultiTenant',
    MicrosoftAppTenantId: config.MICROSOFT_APP_TENANT_ID ?? '',
  };
}

/** The teams-ai Application with every route of the product. */
export function createTeamsApp(
  adapter: MentorbotTeamsAdapter,
  appId: string,
  deps: TeamsDeps,
): Application {
  const app = new Application({
    adapter,
    botAppId: appId,
    // The typing timer lives on the Application and so is shared by concurrent turns;
    // answers here are quick, so it is off.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    // A button's card answer goes back in the invoke response; buttons on a message have
    // their outcome delivered by LateReplies (handlers/actions.ts), which updates it for all.
    adaptiveCards: {
      actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_INTERACTOR,
    },
  });
  const beforeTurn = createBeforeTurn(deps);
  app.turn('beforeTurn', (context) => beforeTurn(context));
  registerInstall(app, deps);
  registerActions(app, deps);
  registerDialogs(app, deps);
  registerShow(app, deps);
  app.error(async (context, error) => {
    deps.logger.error(
      { err: error, type: context.activity.type, name: context.activity.name },
      'teams: turn failed',
    );
    try {
      await answer(context, SORRY);
    } catch {
      // The apology itself could not be sent; the log line is what is left.
    }
  });
  return app;
}
