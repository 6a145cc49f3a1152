// Draws the extension's icon, images/icon.png (128×128): a red squiggle (a broken import) mended
// by a check mark, on Go blue. Shapes only, so no image tool is needed: `node scripts/icon.mjs`.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const N = 128;
const SS = 4; // samples per pixel per axis

function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}
function polyDist(px, py, pts) {
  let d = Infinity;
  for (let i = 1; i < pts.length; i++) d = Math.min(d, segDist(px, py, ...pts[i - 1], ...pts[i]));
  return d;
}
function roundRect(px, py, x, y, w, h, r) {
  const qx = Math.abs(px - (x + w / 2)) - (w / 2 - r), qy = Math.abs(py - (y + h / 2)) - (h / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r <= 0;
}
const squiggle = Array.from({ length: 41 }, (_, i) => [24 + i * 2, 76 - 5 * Math.sin((i / 40) * 5 * Math.PI)]);
const check = [[60, 88], [74, 102], [105, 65]];

// Layers from the bottom: [inside(px, py), rgba].
const layers = [
  [(x, y) => roundRect(x, y, 4, 4, 120, 120, 22), [0x00, 0xad, 0xd8, 255]],
  [(x, y) => roundRect(x, y, 24, 32, 80, 9, 4.5), [255, 255, 255, 230]],
  [(x, y) => roundRect(x, y, 24, 50, 56, 9, 4.5), [255, 255, 255, 230]],
  [(x, y) => polyDist(x, y, squiggle) <= 2.5, [0xe0, 0x45, 0x7b, 255]],
  [(x, y) => polyDist(x, y, check) <= 6, [255, 255, 255, 255]],
];

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    let acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const px = x + (sx + 0.5) / SS, py = y + (sy + 0.5) / SS;
        let c = [0, 0, 0, 0];
        for (const [inside, [r, g, b, a]] of layers) {
          if (!inside(px, py)) continue;
          const al = a / 255;
          c = [r * al + c[0] * (1 - al), g * al + c[1] * (1 - al), b * al + c[2] * (1 - al), al + c[3] * (1 - al)];
        }
        acc = acc.map((v, i) => v + c[i]);
      }
    const n = SS * SS, a = acc[3] / n, o = y * (N * 4 + 1) + 1 + x * 4;
    raw[o] = a ? Math.round(acc[0] / n / a) : 0;
    raw[o + 1] = a ? Math.round(acc[1] / n / a) : 0;
    raw[o + 2] = a ? Math.round(acc[2] / n / a) : 0;
    raw[o + 3] = Math.round(a * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
const out = new URL('../images/icon.png', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, png);
