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
type ConnectorClient = Awaited<
  ReturnType<NonNullable<AuthenticateRequestResult['connectorFactory']>['create']>
>;

/**
 * The botbuilder CloudAdapter (through teams-ai's TeamsAdapter) with one public entry for
 * an already-parsed activity, so the shared HTTP server keeps the transport and this adapter
 * only authenticates and runs the turn.
 */
export class MentorbotTeamsAdapter extends TeamsAdapter {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  constructor(options: ConfigurationBotFrameworkAuthenticationOptions) {
    super(options);
    // The user token client (OAuth sign-in, which this bot does not use) depends only on the
    // bot's app id, yet botbuilder builds one, with its whole HTTP pipeline, for every
    // activity: reuse it per app id and audience.
    const auth = this.botFrameworkAuthentication;
    const create = auth.createUserTokenClient.bind(auth);
    const clients = new Map<string, ReturnType<typeof create>>();
    auth.createUserTokenClient = (identity) => {
      const claim = (type: string) => identity.claims.find((c) => c.type === type)?.value ?? '';
      const key = `${claim('aud')} ${claim('appid') || claim('azp')}`;
      let client = clients.get(key);
      if (!client) {
        if (clients.size >= 100) clients.clear();
        client = create(identity);
        client.catch(() => clients.delete(key));
        clients.set(key, client);
      }
      return client;
    };
  }

  /**
   * Verifies the Bot Framework JWT (when an app id is configured); throws when it fails.
   * Connector clients are reused per service URL and audience (botbuilder builds a new one,
   * with its whole HTTP pipeline, for every activity); each still gets its token per call.
   */
  async authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    const result = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const connectors = this.connectors;
    return {
      ...result,
      connectorFactory: {
        create(serviceUrl: string, audience?: string) {
          const key = `${serviceUrl} ${audience ?? ''}`;
          let client = connectors.get(key);
          if (!client) {
            if (connectors.size >= 1_000) connectors.clear();
            client = factory.create(serviceUrl, audience);
            client.catch(() => connectors.delete(key));
            connectors.set(key, client);
          }
          return client;
        },
      },
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
