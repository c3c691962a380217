import { z } from 'zod';
import { fail, ok, type Result, validation } from '../errors.js';
import type { CoreDeps } from '../usecase.js';
import { runCommand } from '../usecase.js';
import { detailsEditable } from './access.js';
import {
  alreadyStarted,
  type CommandRequest,
  managedSession,
  sessionCancelled,
  staleSession,
} from './load.js';
import { resultFor } from './notify.js';
import type { SessionResult } from './results.js';
import type { Session } from './session.js';

/**
 * A session's image as a file (docs/product.md#session-image): a mentor adds, replaces or
 * removes it; nobody needs a public link. The rule is here once: PNG, JPEG or GIF, at most
 * 5 MB, changed by whoever may edit the session, until it starts. Slack keeps the file (the
 * session names it; Slack shows it to the workspace); a file sent in a Teams chat is kept by
 * the service (`ImageStore`) and shown through a signed link of its own.
 */

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

const TYPES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/gif': 'GIF' } as const;
export type ImageType = keyof typeof TYPES;

/** The file name endings a file picker offers. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif'] as const;

/** A session's image kept as a file. */
export type SessionImageFile =
  | {
      readonly source: 'slack';
      readonly fileId: string;
      readonly name: string;
      readonly contentType: ImageType;
      readonly size: number;
    }
  | {
      readonly source: 'stored';
      readonly id: string;
      readonly name: string;
      readonly contentType: ImageType;
      readonly size: number;
    };

const name = z.string().trim().max(255).default('');
const contentType = z.string().trim().toLowerCase().max(100).default('');
const size = z.number().int().min(0);

/**
 * An image a person picked or sent, as the adapter got it: a Slack file (its facts from
 * Slack's `files.info`), or the bytes of an upload (at most 5 MB read; `size` what the
 * sender said, when more was not read).
 */
export const imageUploadSchema = z.discriminatedUnion(
  'source',
  [
    z.object({
      source: z.literal('slack'),
      fileId: z.string().trim().min(1).max(64),
      name,
      contentType,
      size,
    }),
    z.object({
      source: z.literal('upload'),
      name,
      contentType,
      size,
      bytes: z.instanceof(Uint8Array).optional(),
    }),
  ],
  { error: 'Pick an image file.' },
);

export type ImageUpload = z.output<typeof imageUploadSchema>;

/** The type the first bytes of a file say it is, when it is one the product shows. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  return undefined;
}

/** A declared type as one the product shows ("image/jpg" is JPEG), or undefined. */
function declaredType(type: string): ImageType | undefined {
  const t = type === 'image/jpg' || type === 'image/pjpeg' ? 'image/jpeg' : type;
  return t in TYPES ? (t as ImageType) : undefined;
}

/** A size as people say it: "7.3 MB", "850 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The type of an image the product may show, or the one sentence saying why not (a wrong
 * type, too big, or an upload that could not be read).
 */
export function checkImage(upload: ImageUpload): { type: ImageType } | { problem: string } {
  const what = upload.name ? `"${upload.name.slice(0, 80)}"` : 'That file';
  const sniffed =
    upload.source === 'upload' && upload.bytes ? sniffImageType(upload.bytes) : undefined;
  const type =
    upload.source === 'upload' && upload.bytes ? sniffed : declaredType(upload.contentType);
  if (upload.size > MAX_IMAGE_BYTES) {
    const said = sizeText(upload.size);
    const big = said === sizeText(MAX_IMAGE_BYTES) ? `more than ${said}` : said;
    return {
      problem: `${what} is ${big}: a session image can be at most 5 MB. Pick a smaller one.`,
    };
  }
  if (!type) {
    return {
      problem: `${what} is not a PNG, JPEG or GIF image: a session image must be one of those.`,
    };
  }
  if (upload.source === 'upload' && !upload.bytes) {
    return { problem: `${what} could not be read. Please send it again.` };
  }
  return { type };
}

/** Said when a form gives the image both as a file and as a (new) link. */
export const BOTH_IMAGES =
  'Give the image as a file or as a link, not both: clear the link to use the file.';

/** Keeps a checked image: a Slack file is named, an upload is stored by the service. */
export async function keepImage(
  deps: CoreDeps,
  upload: ImageUpload,
  type: ImageType,
  owner: Pick<Session, 'id' | 'workspaceId'>,
  now: Date,
): Promise<Result<SessionImageFile>> {
  const fileName = upload.name || `image.${type.slice('image/'.length)}`;
  if (upload.source === 'slack') {
    return ok({
      source: 'slack',
      fileId: upload.fileId,
      name: fileName,
      contentType: type,
      size: upload.size,
    });
  }
  if (!deps.images || !upload.bytes) {
    return fail(
      validation({
        imageFile: 'This mentorbot server cannot keep images: give a link to the image instead.',
      }),
    );
  }
  const id = deps.ids.next();
  await deps.images.save({
    id,
    workspaceId: owner.workspaceId,
    sessionId: owner.id,
    contentType: type,
    bytes: upload.bytes,
    createdAt: now,
  });
  return ok({
    source: 'stored',
    id,
    name: fileName,
    contentType: type,
    size: upload.bytes.byteLength,
  });
}

/** Lets go of an image the session no longer shows (a stored upload is deleted). */
export async function releaseImage(deps: CoreDeps, file: SessionImageFile | undefined) {
  if (file?.source === 'stored') await deps.images?.remove(file.id);
}

/** The image a clone shows: the same Slack file, or a copy of the stored one. */
export async function cloneImage(
  deps: CoreDeps,
  file: SessionImageFile | undefined,
  clone: Pick<Session, 'id' | 'workspaceId'>,
  now: Date,
): Promise<SessionImageFile | undefined> {
  if (!file || file.source === 'slack') return file;
  if (!deps.images) return undefined;
  const id = deps.ids.next();
  const copied = await deps.images.copy(file.id, { id, sessionId: clone.id, createdAt: now });
  return copied ? { ...file, id } : undefined;
}

const changeSchema = z.object({
  sessionId: z.string().trim().min(1, { error: 'Pick a session.' }),
  version: z.number().int().optional(),
  /** The new image, or null to remove it. */
  image: imageUploadSchema.nullable(),
});

/**
 * Adds, replaces or removes a session's image (*Add image*, *Remove image*): its mentors or
 * a session manager, until the session starts. A wrong type or size changes nothing and
 * says why in one sentence (field `imageFile`).
 */
export function changeSessionImage(
  deps: CoreDeps,
  request: CommandRequest,
): Promise<Result<SessionResult>> {
  return runCommand(deps, request, changeSchema, async (ctx) => {
    const { actor, input, now } = ctx;
    const found = await managedSession(deps, input.sessionId, actor);
    if (!found.ok) return found;
    const session = found.value;
    if (session.status === 'cancelled') return fail(sessionCancelled());
    if (!detailsEditable(session, now)) return fail(alreadyStarted('its image'));
    if (input.version !== undefined && input.version !== session.version) {
      return fail(staleSession());
    }
    if (input.image === null && !session.imageFile && !session.imageUrl) {
      return ok(await resultFor(deps, session, ctx));
    }
    let imageFile: SessionImageFile | undefined;
    if (input.image) {
      const checked = checkImage(input.image);
      if ('problem' in checked) return fail(validation({ imageFile: checked.problem }));
      const kept = await keepImage(deps, input.image, checked.type, session, now);
      if (!kept.ok) return kept;
      imageFile = kept.value;
    }
    const updated = await deps.sessions.update(
      session.id,
      session.version,
      [session.status],
      { imageFile, imageUrl: undefined },
      now,
    );
    if (!updated) return fail(staleSession());
    await releaseImage(deps, session.imageFile);
    return ok(await resultFor(deps, updated, ctx));
  });
}
