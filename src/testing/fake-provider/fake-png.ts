import { PNG } from 'pngjs';

const cache = new Map<string, Buffer>();

/** A valid RGB PNG of the given size (a gradient; compresses to a few KB), cached per size. */
export function fakePng(width: number, height: number): Buffer {
  const w = Math.max(1, Math.min(2048, Math.round(width)));
  const h = Math.max(1, Math.min(2048, Math.round(height)));
  const id = `${w}x${h}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const png = new PNG({ width: w, height: h, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      png.data[i] = Math.floor((x * 255) / w);
      png.data[i + 1] = Math.floor((y * 255) / h);
      png.data[i + 2] = 128;
    }
  }
  const bytes = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
  cache.set(id, bytes);
  return bytes;
}
