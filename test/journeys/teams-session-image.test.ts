import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAndPublishSession } from '../../src/core/sessions/create.js';
import { type ChatCard, eventually, type TeamsPerson, TeamsTenant } from './support/teams.js';

/**
 * Issue 10 point 24 on Teams. Ada (mentor, Los Angeles) presses *Add image* on her session's
 * card and sends the picture in the chat. A PDF and a 6 MB picture are refused, each with
 * one sentence, and the next image is still taken. The picture she pastes is kept by the
 * service and shown on the card through a signed link of the service's own, which anyone
 * holding the card can open without a login: Grace (mentee, Kolkata) sees it too, without
 * the image buttons. Ada replaces it with a file she sends, then removes it; the old links
 * stop working. Without *Add image* first, an image sent is not taken. The session dialog
 * keeps its image link field.
 */
const MB = 1024 * 1024;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a tiny png body'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a jpeg body')]);
const CONNECTOR = 'https://smba.test';
const FILES = 'https://files.test';

let tenant: TeamsTenant;
let ada: TeamsPerson;
let grace: TeamsPerson;
let sessionId: string;
beforeAll(async () => {
  tenant = await TeamsTenant.start('tenant-session-image');
  ada = await tenant.joins('Ada Lovelace', 'America/Los_Angeles');
  grace = await tenant.joins('Grace Hopper', 'Asia/Kolkata');
  expect(
    await ada.submitsDialog({
      verb: 'profile.mentor',
      headline: 'Compilers',
      bio: '',
      expertise: 'compilers',
      availability: '',
      meetingPlatform: 'gmeet',
      meetingUrl: 'https://meet.google.com/abc-defg-hij',
    }),
  ).toBeUndefined();
  const start = new Date(tenant.clock.now().getTime() + 3 * 86_400_000);
  const made = await createAndPublishSession(tenant.h.core, {
    actor: { personId: ada.id },
    input: {
      title: 'Parsing clinic',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      seatLimit: 4,
      menteeIds: [grace.id],
      meeting: { platform: 'gmeet', url: 'https://meet.google.com/abc-defg-hij' },
    },
  });
  expect(made.ok).toBe(true);
  if (made.ok) sessionId = made.value.session.id;
});
afterAll(() => tenant?.stop());

/** A picture pasted into the message: on the connector, for the bot only. */
const pasted = (path: string) => ({
  contentType: 'image/*',
  contentUrl: `${CONNECTOR}/amer/v3/attachments/${path}/views/original`,
});
/** A file sent in the chat: a pre-authorized download link. */
const file = (name: string, fileType: string) => ({
  contentType: 'application/vnd.microsoft.teams.file.download.info',
  name,
  content: { downloadUrl: `${FILES}/${name}`, uniqueId: name, fileType },
});

/** The URL of the card's Image element, if it has one. */
const imageUrlOf = (card: ChatCard): string | undefined =>
  /"type":"Image","url":"([^"]+)"/.exec(card.text)?.[1];

/** The image at a link the service signed, fetched from the running service. */
const open = (url: string) => fetch(url.replace('https://mentorbot.test', tenant.h.url));

describe('Teams: a session image sent in the chat after Add image', () => {
  it('is checked, kept by the service, shown by a signed link, replaced and removed', async () => {
    // Without pressing Add image first, an image is not taken.
    await ada.sends([pasted('early')]);
    await ada.hears('press Add image on the session first');

    await ada.says('my sessions');
    const list = await ada.cardSaying('My mentoring sessions');
    expect(list.text).toContain('"title":"Add image"');
    expect(list.text).not.toContain('"title":"Remove image"');
    await ada.presses(list, 'session.addImage', { sessionId });
    const asked = await ada.cardSaying('Now send the image here in the chat');
    expect(asked.text).toContain('5 MB');

    // A PDF sent as a file: one sentence; nothing changes.
    nock(FILES).get('/agenda.pdf').reply(200, Buffer.from('%PDF-1.4 an agenda'), {
      'content-type': 'application/pdf',
    });
    await ada.sends([file('agenda.pdf', 'pdf')]);
    await ada.hears(
      '"agenda.pdf" is not a PNG, JPEG or GIF image: a session image must be one of those. Send another, or carry on.',
    );

    // 6 MB pasted: too big, said with its size.
    const big = Buffer.concat([PNG, Buffer.alloc(6 * MB)]);
    nock(CONNECTOR)
      .get('/amer/v3/attachments/big/views/original')
      .reply(200, big, { 'content-type': 'image/png', 'content-length': String(big.length) });
    await ada.sends([pasted('big')]);
    await ada.hears('That file is 6 MB: a session image can be at most 5 MB.');

    // The picture: kept and shown through the service's signed link.
    nock(CONNECTOR)
      .get('/amer/v3/attachments/cover/views/original')
      .reply(200, PNG, { 'content-type': 'image/png' });
    await ada.sends([pasted('cover'), { contentType: 'text/html', content: '<img>' }]);
    const added = await ada.cardSaying('The image is added.');
    const first = imageUrlOf(added) as string;
    expect(first).toMatch(/^https:\/\/mentorbot\.test\/images\/[^/]+\.[\w-]+$/);
    expect(added.text).toContain('"title":"Replace image"');
    expect(added.text).toContain('"title":"Remove image"');
    const served = await open(first);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);
    // A link whose signature does not match shows nothing.
    expect((await open(first.replace(/\.[\w-]+$/, '.forged'))).status).toBe(403);

    // Grace sees the same image, and no image buttons.
    await grace.says('my sessions');
    const hers = await grace.cardSaying('Parsing clinic');
    expect(imageUrlOf(hers)).toBe(first);
    expect(hers.text).not.toContain('session.addImage');
    expect(hers.text).not.toContain('session.removeImage');

    // Replace image, with a file sent in the chat: the old link stops working.
    await ada.presses(added, 'session.addImage', { sessionId });
    nock(FILES).get('/whiteboard.jpg').reply(200, JPEG, { 'content-type': 'image/jpeg' });
    await ada.sends([file('whiteboard.jpg', 'jpg')]);
    const replaced = await eventually(() => {
      const cards = ada.chat().filter((c) => c.text.includes('The image is added.'));
      expect(cards).toHaveLength(2);
      return cards[1] as ChatCard;
    });
    const second = imageUrlOf(replaced) as string;
    expect(second).not.toBe(first);
    expect((await open(second)).headers.get('content-type')).toBe('image/jpeg');
    expect((await open(first)).status).toBe(404);

    // Remove image: the card shows the session without it; the link is gone too.
    await ada.presses(replaced, 'session.removeImage', { sessionId });
    const removed = await ada.cardSaying('The image is removed.');
    expect(imageUrlOf(removed)).toBeUndefined();
    expect(removed.text).toContain('"title":"Add image"');
    expect((await open(second)).status).toBe(404);

    // The session dialog keeps its image link field.
    const dialog = await ada.opensDialog({ verb: 'session.edit', sessionId });
    expect(JSON.stringify(dialog)).toContain('"id":"imageUrl"');
  }, 120_000);
});
