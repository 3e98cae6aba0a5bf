import { sandboxPng } from './sandbox-png.js';

/**
 * Sample images drawn per (size, palette). Offline runs spent half their CPU drawing and deflating
 * sample PNGs, one per prompt; the prompt's hash now picks one of PALETTES colour schemes, so
 * images still differ between prompts, and each (size, palette) is drawn once per process.
 */
export const PALETTES = 64;
const MAX_BYTES = 64 * 1024 * 1024;

const cache = new Map<string, Buffer>();
let bytes = 0;

/**
 * The sandbox PNG for a prompt hash at a size: the same bytes for the same prompt, every time.
 * @example sandboxPngFor(1792, 1024, seedFrom('a cup of coffee'))
 */
export function sandboxPngFor(width: number, height: number, promptHash: number): Buffer {
  const palette = (promptHash >>> 0) % PALETTES;
  const key = `${Math.round(width)}x${Math.round(height)}:${palette}`;
  let png = cache.get(key);
  if (png === undefined) {
    // The palette number seeds the colours; spread it so neighbouring palettes look different.
    png = sandboxPng(width, height, Math.imul(palette + 1, 2654435761));
    cache.set(key, png);
    bytes += png.length;
    for (const [k, v] of cache) {
      if (bytes <= MAX_BYTES) break;
      cache.delete(k);
      bytes -= v.length;
    }
  }
  // A copy: callers own what they get (the cached bytes must never change).
  return Buffer.from(png);
}
