import { describe, expect, it } from 'vitest';
import {
  checkImage,
  MAX_IMAGE_BYTES,
  sizeText,
  sniffImageType,
} from '../../src/core/sessions/image.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1]);
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]);
const PDF = new TextEncoder().encode('%PDF-1.4');

/** docs/product.md#session-image: PNG, JPEG or GIF, at most 5 MB, one sentence otherwise. */
describe('the session image rule', () => {
  it('knows PNG, JPEG and GIF by their first bytes', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(PDF)).toBeUndefined();
  });

  it('takes an upload by its bytes, whatever it was called', () => {
    const upload = { source: 'upload', name: 'x.pdf', contentType: 'application/pdf' } as const;
    expect(checkImage({ ...upload, size: PNG.length, bytes: PNG })).toEqual({
      type: 'image/png',
    });
    expect(checkImage({ ...upload, name: 'fake.png', size: PDF.length, bytes: PDF })).toEqual({
      problem: '"fake.png" is not a PNG, JPEG or GIF image: a session image must be one of those.',
    });
  });

  it('takes a Slack file by the type Slack gives (image/jpg is JPEG)', () => {
    const file = { source: 'slack', fileId: 'F1', name: 'a.jpg', size: 10 } as const;
    expect(checkImage({ ...file, contentType: 'image/jpg' })).toEqual({ type: 'image/jpeg' });
    expect(checkImage({ ...file, contentType: 'image/webp' })).toHaveProperty('problem');
  });

  it('refuses more than 5 MB, saying how big it is', () => {
    expect(
      checkImage({
        source: 'slack',
        fileId: 'F1',
        name: 'poster.png',
        contentType: 'image/png',
        size: MAX_IMAGE_BYTES + 1,
      }),
    ).toEqual({
      problem:
        '"poster.png" is more than 5 MB: a session image can be at most 5 MB. Pick a smaller one.',
    });
    expect(
      checkImage({ source: 'upload', name: '', contentType: 'image/png', size: 7 * 1024 * 1024 }),
    ).toEqual({
      problem: 'That file is 7 MB: a session image can be at most 5 MB. Pick a smaller one.',
    });
    expect(
      checkImage({
        source: 'slack',
        fileId: 'F',
        name: '',
        contentType: 'image/gif',
        size: MAX_IMAGE_BYTES,
      }),
    ).toEqual({ type: 'image/gif' });
  });

  it('says sizes as people do', () => {
    expect(sizeText(7.34 * 1024 * 1024)).toBe('7.3 MB');
    expect(sizeText(850 * 1024)).toBe('850 KB');
    expect(sizeText(10)).toBe('1 KB');
  });
});
