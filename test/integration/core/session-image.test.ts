import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageLinks, sessionImages } from '../../../src/adapters/images.js';
import { MongoImageRepository } from '../../../src/adapters/mongo/image.repository.js';
import { ErrorCode } from '../../../src/core/errors.js';
import { cloneSession } from '../../../src/core/sessions/clone.js';
import { createAndPublishSession } from '../../../src/core/sessions/create.js';
import { editSessionDetails } from '../../../src/core/sessions/edit.js';
import { changeSessionImage } from '../../../src/core/sessions/image.js';
import type { CoreDeps } from '../../../src/core/usecase.js';
import { actorOf, type CoreHarness, TEST_NOW, useCore } from '../../helpers/core.js';
import { errorOf, succeeded } from './mentorship.fixtures.js';
import { buildSessionInput, castOf, NEXT_WEEK, type SessionCast } from './sessions.fixtures.js';

/**
 * docs/product.md#session-image: who may change a session's image and when, an upload kept
 * and its bytes let go when replaced or removed, a clone with its own copy, a new link
 * replacing a file.
 */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
const GIF = Buffer.from('GIF89a and the rest');

let h: CoreHarness;
let cast: SessionCast;
let deps: CoreDeps;
let bytes: MongoImageRepository;
beforeAll(async () => {
  h = await useCore();
  cast = await castOf(h, 2);
  bytes = new MongoImageRepository(h.database.db);
  deps = {
    ...h.deps,
    images: sessionImages(bytes, imageLinks({ baseUrl: 'https://mentorbot.test' })),
  };
});
afterAll(() => h.close());

const upload = (data: Buffer, name = 'cover.png') => ({
  source: 'upload' as const,
  name,
  contentType: 'image/png',
  size: data.length,
  bytes: data,
});

describe('a session image (docs/product.md#session-image)', () => {
  it('is kept, shown by a signed link, replaced, cloned, and removed', async () => {
    const made = succeeded(
      await createAndPublishSession(deps, {
        actor: actorOf(cast.mentor),
        input: buildSessionInput({ menteeIds: [cast.mentees[0]?.id as string] }),
      }),
    );
    const sessionId = made.session.id;
    const change = (by = cast.mentor, image: unknown = upload(PNG)) =>
      changeSessionImage(deps, { actor: actorOf(by), input: { sessionId, image } });

    // A mentee of the session may not change it.
    errorOf(await change(cast.mentees[0]), ErrorCode.Forbidden);

    const added = succeeded(await change());
    expect(added.session.imageUrl).toMatch(/^https:\/\/mentorbot\.test\/images\//);
    expect(added.session.imageName).toBe('cover.png');
    expect(added.session.actions).toContain('removeImage');
    const first = (await deps.sessions.get(sessionId))?.imageFile;
    expect(first?.source).toBe('stored');
    const firstId = first?.source === 'stored' ? first.id : '';
    expect(Buffer.from((await bytes.get(firstId))?.bytes ?? [])).toEqual(PNG);

    // Replaced: the old bytes go.
    succeeded(await change(cast.mentor, upload(GIF, 'dance.gif')));
    expect(await bytes.get(firstId)).toBeUndefined();
    const second = (await deps.sessions.get(sessionId))?.imageFile;
    expect(second?.contentType).toBe('image/gif');

    // A clone gets its own copy.
    const clone = succeeded(
      await cloneSession(deps, { actor: actorOf(cast.mentor), input: { sessionId } }),
    );
    const cloned = (await deps.sessions.get(clone.session.id))?.imageFile;
    expect(cloned?.source).toBe('stored');
    expect(
      cloned?.source === 'stored' && second?.source === 'stored' && cloned.id !== second.id,
    ).toBe(true);

    // A new link in the edit form replaces the file.
    succeeded(
      await editSessionDetails(deps, {
        actor: actorOf(cast.mentor),
        input: { sessionId, imageUrl: 'https://example.com/new.png' },
      }),
    );
    const linked = await deps.sessions.get(sessionId);
    expect(linked?.imageFile).toBeUndefined();
    expect(linked?.imageUrl).toBe('https://example.com/new.png');
    expect(second?.source === 'stored' && (await bytes.get(second.id))).toBeUndefined();

    // Removed: nothing left; removing again changes nothing.
    const removed = succeeded(await change(cast.mentor, null));
    expect(removed.session.imageUrl).toBeUndefined();
    expect(removed.session.actions).not.toContain('removeImage');
    succeeded(await change(cast.mentor, null));

    // Once the session has started, the image stays as it is.
    h.clock.set(new Date(new Date(NEXT_WEEK.start).getTime() + 60_000));
    errorOf(await change(), ErrorCode.NotEditable);
    h.clock.set(TEST_NOW);
  });

  it('without an image store, an upload is refused with a sentence; a Slack file is named', async () => {
    const made = succeeded(
      await createAndPublishSession(h.deps, {
        actor: actorOf(cast.mentor),
        input: buildSessionInput({
          imageFile: {
            source: 'slack',
            fileId: 'F123',
            name: 'cover.png',
            contentType: 'image/png',
            size: 1000,
          },
        }),
      }),
    );
    expect(made.session.imageSlackFile).toBe('F123');
    const refused = errorOf(
      await changeSessionImage(h.deps, {
        actor: actorOf(cast.mentor),
        input: { sessionId: made.session.id, image: upload(PNG) },
      }),
      ErrorCode.Validation,
    );
    expect(refused.fields.imageFile).toContain('cannot keep images');
  });
});
