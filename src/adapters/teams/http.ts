import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Application } from '@microsoft/teams-ai';
import { type Activity, ActivityTypes, DeliveryModes, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../logger.js';
import { type RouteHandler, refuseDeclaredOversize } from '../../server.js';
import { afterAck } from '../after-ack.js';
import { TRY_AGAIN } from '../forms/index.js';
import type { DurableInbox } from '../inbox.js';
import { type Interaction, newInteraction, withInteraction } from '../interaction.js';
import { runInteractive } from '../notify/deferring.js';
import { isActivityShaped } from './activity-shape.js';
import type { MentorbotTeamsAdapter } from './app.js';
import { authStatus } from './auth.js';

/** Teams activities are small; anything near this is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The only Bot Framework channel this bot serves once an app id is configured. */
export const TEAMS_CHANNEL_ID = 'msteams';

function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      // Past the limit nothing more is read; the answer closes the connection.
      req.off('data', onData);
      req.pause();
      resolve('too_large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/** Parses the body into an activity; undefined for anything that is not one. */
function parseActivity(raw: Buffer): Activity | undefined {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  if (!isActivityShaped(body)) return undefined;
  const activity = body as Record<string, unknown>;
  // What botbuilder's own HTTP entry does before processing: timestamps become Dates.
  for (const key of ['timestamp', 'expiration', 'localTimestamp']) {
    const value = activity[key];
    if (typeof value === 'string') {
      activity[`raw${key[0]?.toUpperCase()}${key.slice(1)}`] = value;
      activity[key] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/**
 * Whether the channel needs the turn's outcome in the HTTP response: invokes (their response
 * is the body) and `expectReplies` deliveries (the replies are). Everything else is answered
 * 200 once authenticated, and its turn runs afterwards (replies go through the connector).
 */
const answeredInBody = (activity: Activity) =>
  activity.type === ActivityTypes.Invoke || activity.deliveryMode === DeliveryModes.ExpectReplies;

/** A card button (Action.Execute): answered at once, its work runs after the answer. */
const isCardAction = (activity: Activity) =>
  activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action';

/**
 * What the inbox keeps of an activity: its key (the delivery id, as the use cases take it)
 * when work runs after its answer (messages and other activities, card buttons), and its
 * lane, the person's. Dialogs (task/fetch, task/submit) run before their answer, which
 * carries the outcome, and are not kept.
 */
function interactionOf(activity: Activity): { key: string | undefined; lane: string | undefined } {
  const user = activity.from?.aadObjectId || activity.from?.id;
  const tenant = activity.conversation?.tenantId ?? '';
  const lane = user ? `teams:${tenant}:${user}` : undefined;
  const kept = !answeredInBody(activity) || isCardAction(activity);
  return { key: kept && activity.id ? `teams:${activity.id}` : undefined, lane };
}

/** Every turn is a person's request: notifications it sends do not hold it up. */
const turnLogic = (app: Application) => (context: TurnContext) =>
  runInteractive(async () => {
    await app.run(context);
  });

/** Works a recorded activity again (its 200 went out before a crash or a stop). */
export function teamsReplay(adapter: MentorbotTeamsAdapter, app: Application, appId: string) {
  const logic = turnLogic(app);
  return async (payload: string): Promise<void> => {
    const activity = parseActivity(Buffer.from(payload, 'utf8'));
    if (!activity) return;
    const run = () => adapter.replay(appId, activity, logic);
    // A card button's turn defers its own work; anything else is work after an answer.
    await (answeredInBody(activity) ? run() : afterAck.run(run));
  };
}

/**
 * `POST /api/messages`: reads and parses the activity, authenticates it (Bot Framework JWT
 * when an app id is configured: a missing or bad token is 401 before anything runs), and
 * runs the turn: before answering for invokes (the answer is the invoke response), after
 * answering 200 for messages and other activities, at the lower priority of work after an
 * answer (`afterAck`), as Slack's acks are.
 */
export function messagesRoute(
  adapter: MentorbotTeamsAdapter,
  app: Application,
  log: Logger,
  options: {
    readonly authDisabled: boolean;
    /** Where activities are recorded before they are answered (none: in memory only). */
    readonly inbox?: Pick<DurableInbox, 'accept' | 'work'> | undefined;
  },
): RouteHandler {
  const logic = turnLogic(app);
  const work = <T>(interaction: Interaction, run: () => Promise<T>) =>
    options.inbox?.work(interaction, run) ?? withInteraction(interaction, run);
  return async (req, res, ctx) => {
    afterAck.awaitingAnswer(res);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    if (refuseDeclaredOversize(req, res, MAX_BODY_BYTES)) return;
    const raw = await readBody(req);
    if (raw === 'too_large') {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: 'payload_too_large' });
    }
    const activity = parseActivity(raw);
    if (!activity) return sendJson(res, 400, { error: 'not_an_activity' });
    // Another Bot Framework channel (Web Chat, Direct Line, ...) signs its activities with
    // its own endorsed key and may name any AAD ids: with an app id, only Teams is served.
    if (!options.authDisabled && activity.channelId !== TEAMS_CHANNEL_ID) {
      ctx.log.warn(
        { channelId: String(activity.channelId).slice(0, 64) },
        'teams: activity from another channel',
      );
      return sendJson(res, 403, { error: 'channel_not_served' });
    }
    const header = req.headers.authorization;
    let auth: AuthenticateRequestResult;
    try {
      auth = await adapter.authenticate(typeof header === 'string' ? header : '', activity);
    } catch (err) {
      const status = authStatus(err) ?? 500;
      if (status === 500) {
        ctx.log.error({ err, type: activity.type }, 'teams: authentication failed');
        return sendJson(res, 500, { error: 'internal_error', requestId: ctx.requestId });
      }
      ctx.log.warn(
        { reason: (err as Error).message, type: activity.type },
        'teams: activity not authenticated',
      );
      return sendJson(res, status, {
        error: status === 401 ? 'unauthorized' : 'auth_unavailable',
      });
    }
    // Recorded before the answer; when the database cannot take it, the person is asked
    // to try again rather than given a 200 whose work is then lost.
    const { key, lane } = interactionOf(activity);
    const interaction = options.inbox
      ? await options.inbox.accept({ platform: 'teams', key, lane, payload: () => raw.toString() })
      : newInteraction(lane);
    if (!interaction) {
      if (!isCardAction(activity)) return sendJson(res, 503, { error: 'try_again' });
      return sendJson(res, 200, {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: TRY_AGAIN,
      });
    }
    if (!answeredInBody(activity)) {
      sendJson(res, 200);
      await work(interaction, () => afterAck.run(() => adapter.run(auth, activity, logic))).catch(
        (err: unknown) =>
          log.error({ err, type: activity.type, reqId: ctx.requestId }, 'teams: turn failed'),
      );
      return;
    }
    try {
      const invoke = await work(interaction, () => adapter.run(auth, activity, logic));
      sendJson(res, invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      ctx.log.error({ err, type: activity.type, name: activity.name }, 'teams: activity failed');
      sendJson(res, 500, { error: 'internal_error', requestId: ctx.requestId });
    }
  };
}
