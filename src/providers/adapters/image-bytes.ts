import type * as ImageSize from 'image-size';
import { lazyRequire } from '../../util/lazy-require.js';
import { ProviderError } from '../provider-error.js';

/** Loaded on the first image checked, not by every command (P11). */
const imageSizeModule = lazyRequire<typeof ImageSize>('image-size');

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
};

/** Real mime type and size of the bytes a provider sent; invalid_output when they are not an image. */
export function describeImage(
  bytes: Buffer,
  provider: string,
): { mime: string; width: number; height: number } {
  try {
    const info = imageSizeModule().imageSize(bytes);
    const mime = info.type ? MIME[info.type] : undefined;
    if (mime && info.width && info.height) return { mime, width: info.width, height: info.height };
  } catch {
    // fall through: not an image we can read
  }
  throw new ProviderError(
    'invalid_output',
    `${provider}: the image data is not a PNG, JPEG, WebP, GIF or AVIF`,
    {
      provider,
    },
  );
}
