import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  HTTPResponseAck,
  HTTPModuleFunctions as http,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { refuseDeclaredOversize } from '../../server.js';
import { afterAck } from '../after-ack.js';
import { TRY_AGAIN } from '../forms/index.js';
import type { DurableInbox } from '../inbox.js';
import { newInteraction, withInteraction } from '../interaction.js';
import type { TeamRef, TokenSource } from './auth.js';
import { interactionOf } from './keys.js';
import { isSlackShaped } from './payload-shape.js';

/** Slack's window for request timestamps, both ways (replays and skewed clocks). */
const MAX_SKEW_SECONDS = 5 * 60;
/** Slack payloads are small; a modal submission with every field full is far below this. */
const BODY_LIMIT = 1024 * 1024;
const SIGNATURE = /^v0=([0-9a-f]{64})$/;

export interface ReceiverOptions {
  readonly signingSecret: string;
  readonly logger: Logger;
  /** Which teams are served here (single-workspace mode: only the token's own). */
  readonly tokens: Pick<TokenSource, 'serves'>;
  /** Where interactions are recorded before they are answered (none: in memory only). */
  readonly inbox?: Pick<DurableInbox, 'accept' | 'work'> | undefined;
  readonly now?: () => number;
}

/**
 * A Bolt receiver for requests that arrive through our own HTTP server (`/slack/events`):
 * transport only. It verifies the signature (signing secret, 5-minute window), answers
 * Slack's URL verification and SSL check, and hands everything else to Bolt with an `ack`
 * that writes the HTTP response, so listeners answer within Slack's 3 seconds and keep
 * working afterwards.
 */
export class NodeReceiver implements Receiver {
  private app: App | undefined;
  private readonly now: () => number;
  private readonly boltLog: ReturnType<typeof boltLogger>;

  constructor(private readonly options: ReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.boltLog = boltLogger(options.logger);
  }

  init(app: App): void {
    this.app = app;
  }

  // Our server owns the port; Bolt's start/stop have nothing to do.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const log = this.options.logger;
    // Work after earlier acks waits while this request waits for its answer.
    afterAck.awaitingAnswer(res);
    if (refuseDeclaredOversize(req, res, BODY_LIMIT)) return;
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await http.bufferIncomingMessage(req, BODY_LIMIT);
    } catch (err) {
      const tooLarge = http.isRawBodyError(err) && err.statusCode === 413;
      // What is left of the body is not read: the connection cannot carry another request.
      res.setHeader('connection', 'close');
      http.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      return;
    }
    const rawBody = buffered.rawBody.toString('utf8');
    if (!this.verified(req, rawBody)) {
      http.buildNoBodyResponse(res, 401);
      return;
    }
    // biome-ignore lint/suspicious/noExplicitAny: Slack bodies are checked by Bolt's routing
    let body: any;
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch {
      log.warn('slack: malformed request body');
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (body.ssl_check === '1') {
      http.buildSSLCheckResponse(res);
      return;
    }
    if (body.type === 'url_verification') {
      http.buildUrlVerificationResponse(res, body);
      return;
    }
    if (!isSlackShaped(body)) {
      log.warn({ type: String(body.type).slice(0, 40) }, 'slack: malformed payload');
      http.buildNoBodyResponse(res, 400);
      return;
    }
    if (!(await this.servesTeamOf(body, res))) return;
    const interaction = await this.accept(body, res);
    if (!interaction) return;
    const ack = new HTTPResponseAck({
      logger: this.boltLog,
      processBeforeResponse: false,
      unhandledRequestTimeoutMillis: 3001,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      ...optional('retryNum', http.extractRetryNumFromHTTPRequest(req)),
      ...optional('retryReason', http.extractRetryReasonFromHTTPRequest(req)),
    };
    const run = () => this.app?.processEvent(event) ?? Promise.resolve();
    try {
      await (this.options.inbox?.work(interaction, run) ?? withInteraction(interaction, run));
    } catch (err) {
      log.error({ err }, 'slack: listener failed');
      if (!res.headersSent) http.buildNoBodyResponse(res, 500);
    }
  }

  /**
   * Records the request in the inbox before it is answered. When the database cannot take
   * it, the person is asked to try again (a command's answer says so; anything else gets
   * 503, which Slack shows as not gone through) instead of a 200 whose work is then lost.
   */
  private async accept(body: Record<string, unknown>, res: ServerResponse) {
    const { key, lane } = interactionOf(body);
    const inbox = this.options.inbox;
    if (!inbox) return newInteraction(lane);
    const interaction = await inbox.accept({
      platform: 'slack',
      key,
      lane,
      payload: () => JSON.stringify(body),
    });
    if (interaction) return interaction;
    if (typeof body.command === 'string') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ response_type: 'ephemeral', text: TRY_AGAIN }));
    } else {
      http.buildNoBodyResponse(res, 503);
    }
    return undefined;
  }

  /** Works a recorded request again (its answer went out before a crash or a stop). */
  async replay(payload: string): Promise<void> {
    if (!this.app) throw new Error('slack receiver not initialised');
    await this.app.processEvent({ body: JSON.parse(payload), ack: async () => {} });
  }

  /**
   * Requests from a team not served here (another workspace that installed the same app,
   * in single-workspace mode) change nothing: a slash command gets one ephemeral line, any
   * other request 403. When the token's own team cannot be learnt just now, 503.
   */
  private async servesTeamOf(body: Record<string, unknown>, res: ServerResponse) {
    let serves: boolean;
    try {
      serves = await this.options.tokens.serves(teamOf(body));
    } catch (err) {
      this.options.logger.warn({ err }, 'slack: could not tell which team this app serves');
      http.buildNoBodyResponse(res, 503);
      return false;
    }
    if (serves) return true;
    this.options.logger.warn('slack: request from a team this app does not serve');
    if (typeof body.command === 'string') {
      const answer = JSON.stringify({ response_type: 'ephemeral', text: NOT_INSTALLED });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(answer);
    } else {
      http.buildNoBodyResponse(res, 403);
    }
    return false;
  }

  /**
   * Slack's v0 signature: HMAC-SHA256 of `v0:timestamp:body` with the signing secret, compared
   * in constant time, and a timestamp within 5 minutes (the check Bolt's verifySlackRequest
   * makes, without its per-request random re-hashing: node's timingSafeEqual is constant-time).
   */
  private verified(req: IncomingMessage, rawBody: string): boolean {
    const signature = req.headers['x-slack-signature'];
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (typeof signature !== 'string' || !Number.isInteger(timestamp)) return false;
    if (Math.abs(this.now() / 1000 - timestamp) > MAX_SKEW_SECONDS) return false;
    // Exactly `v0=` and 64 lowercase hex digits: nothing before, after or in between.
    const hash = SIGNATURE.exec(signature)?.[1];
    if (!hash) return false;
    const expected = createHmac('sha256', this.options.signingSecret)
      .update(`v0:${timestamp}:${rawBody}`)
      .digest();
    return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
  }
}

export const NOT_INSTALLED = 'mentorbot is not installed in this workspace.';

const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
const idOf = (value: unknown) =>
  value && typeof value === 'object' ? str((value as { id?: unknown }).id) : undefined;

/** The team and organisation a request names: top-level ids (events, commands) or objects. */
export function teamOf(body: Record<string, unknown>): TeamRef {
  return {
    teamId: str(body.team_id) ?? idOf(body.team),
    enterpriseId: str(body.enterprise_id) ?? idOf(body.enterprise),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined || Number.isNaN(value) ? {} : { [key]: value }) as Partial<Record<K, V>>;

// Anything shaped like an address: local part, @, a dotted domain.
const EMAIL = /[^\s"'<>()[\]{},;:@\\]+@[^\s"'<>()[\]{},;:@\\]+\.[a-z]{2,}/gi;

/**
 * Bolt's and the Web API client's lines as one string, e-mail addresses masked: at debug
 * the client prints every API result, and users.info carries the person's address.
 */
function withoutEmails(msg: unknown[]): string {
  return msg.map(String).join(' ').replace(EMAIL, '[email]');
}

/** Bolt's logger interface over pino. */
export function boltLogger(log: Logger) {
  return {
    debug: (...msg: unknown[]) => log.debug(withoutEmails(msg)),
    info: (...msg: unknown[]) => log.debug(withoutEmails(msg)),
    warn: (...msg: unknown[]) => log.warn(withoutEmails(msg)),
    error: (...msg: unknown[]) => log.error(withoutEmails(msg)),
    setLevel: () => {},
    getLevel: () => 'info' as never,
    setName: () => {},
  };
}
