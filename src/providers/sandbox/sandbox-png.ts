import type { PNG as PngClass } from 'pngjs';
import { lazyRequire } from '../../util/lazy-require.js';

/** Loaded on the first sample image drawn, not by every command (P11). */
const pngjs = lazyRequire<{ PNG: typeof PngClass }>('pngjs');

/** 5×7 glyphs for the label; a set bit is a lit pixel, rows top to bottom. */
const GLYPHS: Record<string, number[]> = {
  S: [0x0f, 0x10, 0x10, 0x0e, 0x01, 0x01, 0x1e],
  A: [0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11],
  N: [0x11, 0x19, 0x15, 0x13, 0x11, 0x11, 0x11],
  D: [0x1e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1e],
  B: [0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e],
  O: [0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e],
  X: [0x11, 0x11, 0x0a, 0x04, 0x0a, 0x11, 0x11],
  ' ': [0, 0, 0, 0, 0, 0, 0],
};

const LABEL = 'SANDBOX';

/**
 * A sandbox image: a diagonal two-colour gradient chosen by `seed`, with a dark band across the
 * middle reading "SANDBOX" in large block letters, so nobody mistakes it for a real picture.
 * RGB, fast filter and compression settings: a 1792×1024 image takes a few tens of milliseconds.
 */
export function sandboxPng(width: number, height: number, seed: number): Buffer {
  const w = Math.max(16, Math.min(4096, Math.round(width)));
  const h = Math.max(16, Math.min(4096, Math.round(height)));
  const hue = (n: number) =>
    [(n >>> 0) & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff].map((c) => 60 + (c % 160));
  const [r1, g1, b1] = hue(seed) as [number, number, number];
  const [r2, g2, b2] = hue(Math.imul(seed ^ 0x9e3779b9, 2654435761)) as [number, number, number];
  const data = Buffer.alloc(w * h * 3);
  const span = w + h;
  for (let y = 0; y < h; y++) {
    let i = y * w * 3;
    for (let x = 0; x < w; x++, i += 3) {
      const t = (x + y) / span;
      data[i] = r1 + (r2 - r1) * t;
      data[i + 1] = g1 + (g2 - g1) * t;
      data[i + 2] = b1 + (b2 - b1) * t;
    }
  }
  // The band: 22% of the height, centred; the label scaled to fill most of it.
  const bandH = Math.max(9, Math.round(h * 0.22));
  const bandY = Math.round((h - bandH) / 2);
  for (let y = bandY; y < bandY + bandH; y++) data.fill(24, y * w * 3, (y + 1) * w * 3);
  const scale = Math.max(
    1,
    Math.min(Math.floor((bandH * 0.7) / 7), Math.floor((w * 0.8) / (LABEL.length * 6))),
  );
  const textW = LABEL.length * 6 * scale - scale;
  const x0 = Math.round((w - textW) / 2);
  const y0 = bandY + Math.round((bandH - 7 * scale) / 2);
  [...LABEL].forEach((ch, n) => {
    const rows = GLYPHS[ch]!;
    rows.forEach((bits, row) => {
      for (let col = 0; col < 5; col++) {
        if (!(bits & (0x10 >> col))) continue;
        for (let dy = 0; dy < scale; dy++) {
          const y = y0 + row * scale + dy;
          const start = (y * w + x0 + (n * 6 + col) * scale) * 3;
          data.fill(245, start, start + scale * 3);
        }
      }
    });
  });
  const { PNG } = pngjs();
  const png = new PNG({ width: w, height: h, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = data;
  return PNG.sync.write(png, {
    colorType: 2,
    inputColorType: 2,
    inputHasAlpha: false,
    deflateLevel: 3,
    filterType: 1,
  });
}
