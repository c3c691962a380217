// The two modules used, not the package's index: that also loads the AI planners, models and
// their tokenizers, about half a second of every start.
import { AdaptiveCardActionExecuteResponseType } from '@microsoft/teams-ai/lib/AdaptiveCards.js';
import { Application } from '@microsoft/teams-ai/lib/Application.js';
import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { TRY_AGAIN } from '../forms/index.js';
import type { TeamsAuthentication } from './auth.js';
import { registerButtons, registerShows, showRunner } from './buttons.js';
import { registerCommands } from './commands.js';
import { answer, type Feature, type TeamsContext } from './context.js';
import { registerDialogs } from './dialogs.js';
import { homeFeature, registerInstall } from './features/home/handlers.js';
import { profilesFeature } from './features/profiles/handlers.js';
import { requestsFeature } from './features/requests/handlers.js';
import { sessionsFeature } from './features/sessions/handlers.js';
import { settingsFeature } from './features/settings/handlers.js';
import { createBeforeTurn } from './identity.js';

/**
 * botbuilder's CloudAdapter on our authentication (clients reused, failures typed), with one
 * public entry for an already-parsed activity, so the shared HTTP server keeps the transport
 * and this adapter only authenticates and runs the turn.
 */
export class MentorbotTeamsAdapter extends CloudAdapter {
  constructor(private readonly auth: TeamsAuthentication) {
    super(auth);
  }

  /** Verifies the Bot Framework JWT (when an app id is configured); throws when it fails. */
  authenticate(authHeader: string, activity: Activity): Promise<AuthenticateRequestResult> {
    return this.auth.authenticateRequest(activity, authHeader);
  }

  /** Runs the turn of an authenticated activity; resolves with the invoke response, if any. */
  run(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ) {
    return this.processActivity(auth, activity, logic) as Promise<InvokeResponse | undefined>;
  }

  /**
   * Runs the turn of an activity authenticated long ago (recorded before its answer, worked
   * again after a crash or a stop): outbound calls authenticate as the bot, as proactive
   * messages do.
   */
  replay(appId: string, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    const claimsIdentity = this.createClaimsIdentity(appId);
    return this.run(
      {
        claimsIdentity,
        // None, as for proactive messages: the connector takes the channel's default scope.
        audience: undefined as unknown as string,
        callerId: '',
        connectorFactory: this.auth.createConnectorFactory(claimsIdentity),
      },
      activity,
      logic,
    );
  }
}

/** The teams-ai Application with every route of the product. */
export function createTeamsApp(
  adapter: MentorbotTeamsAdapter,
  appId: string,
  ctx: TeamsContext,
): Application {
  // The Application routes only: it is given no adapter (teams-ai types it as its own
  // TeamsAdapter, which builds botbuilder's authentication itself); turns come from ours.
  const app = new Application({
    botAppId: appId,
    // The typing timer lives on the Application and so is shared by concurrent turns;
    // answers here are quick, so it is off.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
    // A button's card answer goes back in the invoke response; buttons on a message have
    // their outcome delivered by OriginReplies (origin.ts), which updates it for all.
    adaptiveCards: {
      actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_INTERACTOR,
    },
  });
  const beforeTurn = createBeforeTurn(ctx);
  app.turn('beforeTurn', (context) => beforeTurn(context));
  registerInstall(app, ctx);
  const features: Feature[] = [
    homeFeature(ctx),
    sessionsFeature(ctx),
    requestsFeature(ctx),
    profilesFeature(ctx),
    settingsFeature(ctx),
  ];
  const all = <K extends keyof Feature>(kind: K) =>
    Object.assign({}, ...features.map((f) => f[kind] ?? {})) as NonNullable<Feature[K]>;
  registerButtons(app, ctx, all('buttons'));
  registerDialogs(app, ctx, all('dialogs'));
  const shows = all('shows');
  const show = showRunner(ctx, shows);
  registerShows(app, shows, show);
  registerCommands(app, ctx, show);
  adapter.onTurnError = async (context, error) => {
    ctx.logger.error(
      { err: error, type: context.activity.type, name: context.activity.name },
      'teams: turn failed',
    );
    try {
      await answer(context, TRY_AGAIN);
    } catch {
      // The apology itself could not be sent; the log line is what is left.
    }
  };
  return app;
}
