import type { Activity, TurnContext } from 'botbuilder';
import { MAX_IMAGE_BYTES } from '../../../../core/sessions/image.js';
import type { Logger } from '../../../../logger.js';

/**
 * An image a mentor sends in the chat after *Add image* (docs/product.md#session-image), as
 * Teams delivers it: a picture pasted into the message (an attachment of type `image/*`
 * whose `contentUrl` is on the Bot Framework connector and needs the bot's token), or a file
 * sent (a `file.download.info` attachment with a short-lived, pre-authorized download URL).
 */
export interface SentImage {
  readonly url: string;
  readonly name: string;
  readonly contentType: string;
  /** The connector serves it, and only to the bot: send the bot's token, and only there. */
  readonly withToken: boolean;
}

/** What *Add image* asks for. */
export const SEND_IMAGE =
  'Now send the image here in the chat as your next message: a PNG, JPEG or GIF of at most 5 MB.';

const FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

const TYPE_OF_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

/** The image (or file) the message carries, if any. */
export function sentImageOf(activity: Activity): SentImage | undefined {
  for (const a of activity.attachments ?? []) {
    const name = typeof a.name === 'string' ? a.name : '';
    if (a.contentType === FILE_DOWNLOAD) {
      const content = (a.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
      if (typeof content.downloadUrl !== 'string') continue;
      const ext = typeof content.fileType === 'string' ? content.fileType.toLowerCase() : '';
      return {
        url: content.downloadUrl,
        name,
        contentType: TYPE_OF_EXTENSION[ext] ?? (ext ? `application/${ext}` : ''),
        withToken: false,
      };
    }
    if (a.contentType?.startsWith('image/') && typeof a.contentUrl === 'string') {
      return { url: a.contentUrl, name, contentType: a.contentType, withToken: true };
    }
  }
  return undefined;
}

/** The bot's access token for the connector, when the bot has credentials (an app id). */
async function botToken(context: TurnContext): Promise<string | undefined> {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as
    | { credentials?: { getToken?: () => Promise<string> } }
    | undefined;
  return client?.credentials?.getToken ? client.credentials.getToken() : undefined;
}

/** What was read of a sent image: its bytes (at most 5 MB), and its size as far as known. */
export interface Downloaded {
  readonly bytes?: Uint8Array;
  readonly size: number;
  readonly contentType: string;
}

/**
 * Downloads a sent image, reading at most 5 MB and a byte (the core refuses more with the
 * size it is told). The bot's token goes only to the connector the activity came from.
 */
export async function downloadSentImage(
  context: TurnContext,
  image: SentImage,
  options: { authDisabled: boolean; logger: Logger },
): Promise<Downloaded | undefined> {
  let url: URL;
  try {
    url = new URL(image.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:') return undefined;
  const headers: Record<string, string> = {};
  const sameConnector =
    !!context.activity.serviceUrl && new URL(context.activity.serviceUrl).host === url.host;
  if (image.withToken && sameConnector && !options.authDisabled) {
    const token = await botToken(context).catch(() => undefined);
    if (token) headers.authorization = `Bearer ${token}`;
  }
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
    if (!res.ok || !res.body) {
      options.logger.warn({ status: res.status }, 'teams: a sent image could not be downloaded');
      return undefined;
    }
    const contentType = res.headers.get('content-type')?.split(';')[0]?.trim() || image.contentType;
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > MAX_IMAGE_BYTES) {
      await res.body.cancel();
      return { size: declared, contentType };
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let read = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      if (read > MAX_IMAGE_BYTES) {
        await reader.cancel().catch(() => {});
        return { size: read, contentType };
      }
      chunks.push(value);
    }
    return { bytes: Buffer.concat(chunks), size: read, contentType };
  } catch (err) {
    options.logger.warn({ err }, 'teams: a sent image could not be downloaded');
    return undefined;
  }
}
