import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ImageStore } from '../core/ports.js';
import type { HttpServer } from '../server.js';
import { tokenId } from './downloads.js';
import type { MongoImageRepository } from './mongo/image.repository.js';

/**
 * Session images the service keeps (docs/product.md#session-image), served by the service
 * itself at `GET /images/<id>.<signature>`: a card shows the image to whoever has the card,
 * with no login, and nobody can reach an image by guessing ids. The signature is
 * HMAC-SHA256 over the id with LINK_SIGNING_SECRET (as the CSV download links); the link
 * does not expire, since a card in a chat stays, and dies with the image (replaced or
 * removed: 404). Unset secret: a random one per process, so links die on restart.
 */

export const IMAGES_PATH = '/images';

export interface ImageLinks {
  url(id: string): string;
  /** The image id of a genuine link's token; undefined otherwise. */
  verify(token: string): string | undefined;
}

// Shared by every part of one process built without a secret (the service and its tests'
// view of the core), so links one makes the other accepts.
const processSecret = randomBytes(32).toString('base64url');

export function imageLinks(options: { baseUrl: string; secret?: string | undefined }): ImageLinks {
  const secret = options.secret ?? processSecret;
  const base = options.baseUrl.replace(/\/+$/, '');
  const sign = (id: string) => createHmac('sha256', secret).update(`image:${id}`).digest();
  return {
    url: (id) =>
      `${base}${IMAGES_PATH}/${encodeURIComponent(id)}.${sign(id).toString('base64url')}`,
    verify(token) {
      const dot = token.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const id = decodeURIComponent(token.slice(0, dot));
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const expected = sign(id);
      return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
    },
  };
}

/** The core's `ImageStore`: the images in MongoDB, linked through this server's signed route. */
export const sessionImages = (repo: MongoImageRepository, links: ImageLinks): ImageStore => ({
  save: (image) => repo.save(image),
  copy: (fromId, to) => repo.copy(fromId, to),
  remove: (id) => repo.remove(id),
  url: (id) => links.url(id),
});

/** Mounts `GET /images/<token>` (call it once). */
export function mountImages(server: HttpServer, repo: MongoImageRepository, links: ImageLinks) {
  server.mount(
    IMAGES_PATH,
    async (req: IncomingMessage, res: ServerResponse, ctx) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
      }
      const id = links.verify(ctx.path.slice(IMAGES_PATH.length + 1));
      if (!id) return send(res, 403, 'This image link is not valid.');
      let image: Awaited<ReturnType<MongoImageRepository['get']>>;
      try {
        image = await repo.get(id);
      } catch {
        return send(res, 503, 'The image cannot be shown right now. Please try again.');
      }
      if (!image) return send(res, 404, 'This image was removed from its session.');
      res.writeHead(200, {
        'content-type': image.contentType,
        'content-length': image.bytes.byteLength,
        // The link of an image never shows another: a new image gets a new link.
        'cache-control': 'public, max-age=31536000, immutable',
        'content-security-policy': "default-src 'none'",
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : Buffer.from(image.bytes));
    },
    { logPath: (path) => `${IMAGES_PATH}/${tokenId(path.slice(IMAGES_PATH.length + 1))}` },
  );
}

function send(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  const body = Buffer.from(`${message}\n`, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}
