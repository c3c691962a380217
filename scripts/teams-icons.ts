/**
 * Writes the Teams app icons (manifests/teams/color.png 192x192, outline.png 32x32) as
 * valid PNGs with node:zlib only: a coloured tile with a white "m" mark, and the same mark
 * in white on transparent for the outline icon, as the Teams manifest asks.
 * Run: npx tsx scripts/teams-icons.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Pixel = readonly [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function png(size: number, pixel: (x: number, y: number) => Pixel): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(6, 9); // RGBA
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then pixels
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An "m": three vertical strokes joined at the top, in a unit square. */
function mark(u: number, v: number): boolean {
  const inBox = u >= 0.2 && u <= 0.8 && v >= 0.3 && v <= 0.75;
  if (!inBox) return false;
  const stroke = 0.09;
  const top = v <= 0.3 + stroke;
  const legs = [0.2, 0.455, 0.71].some((left) => u >= left && u <= left + stroke);
  return top || legs;
}

const WHITE: Pixel = [255, 255, 255, 255];
const ACCENT: Pixel = [79, 107, 237, 255];
const CLEAR: Pixel = [0, 0, 0, 0];

const dir = path.resolve('manifests/teams');
writeFileSync(
  path.join(dir, 'color.png'),
  png(192, (x, y) => (mark(x / 192, y / 192) ? WHITE : ACCENT)),
);
writeFileSync(
  path.join(dir, 'outline.png'),
  png(32, (x, y) => (mark(x / 32, y / 32) ? WHITE : CLEAR)),
);
console.log('wrote manifests/teams/color.png (192x192) and outline.png (32x32)');
