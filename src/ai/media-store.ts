import type * as ImageSize from 'image-size';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { lazyRequire } from '../util/lazy-require.js';
import { ProviderError } from '../providers/provider-error.js';
import type { Db } from '../db/index.js';
import type { StoredMedia } from './ai-function.js';
import { saveMediaBlob } from './media-blobs.repository.js';

/** Loaded on the first image stored, not by every command (P11). */
const imageSizeModule = lazyRequire<typeof ImageSize>('image-size');

const MIME: Record<string, { mime: string; ext: string }> = {
  png: { mime: 'image/png', ext: 'png' },
  jpg: { mime: 'image/jpeg', ext: 'jpg' },
  webp: { mime: 'image/webp', ext: 'webp' },
  gif: { mime: 'image/gif', ext: 'gif' },
  avif: { mime: 'image/avif', ext: 'avif' },
};

/**
 * Store image bytes under `mediaDir` as `<sha256>.<ext>`: the same image is stored once, a write
 * is atomic (temp file + rename), and type and dimensions come from the bytes, not the provider's word.
 * Bytes that are not an image are a provider's invalid output. With `shared`, the bytes also go to
 * the database, so servers and workers on other machines can serve and publish them.
 */
export async function storeMedia(
  mediaDir: string,
  bytes: Buffer,
  provider = 'image provider',
  /** media.store "db": also keep the bytes in this database, where every process finds them. */
  shared?: Db,
): Promise<StoredMedia> {
  let info: { width?: number; height?: number; type?: string };
  try {
    info = imageSizeModule().imageSize(bytes);
  } catch {
    throw new ProviderError(
      'invalid_output',
      `${provider}: the image returned is not a readable image file`,
      { provider },
    );
  }
  const kind = MIME[info.type ?? ''];
  if (!kind || !info.width || !info.height) {
    throw new ProviderError(
      'invalid_output',
      `${provider}: unsupported image type "${info.type ?? 'unknown'}"`,
      { provider },
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const filePath = `${sha256}.${kind.ext}`;
  const target = path.join(mediaDir, filePath);
  await fs.mkdir(mediaDir, { recursive: true });
  const exists = await fs
    .stat(target)
    .then((s) => s.size === bytes.length)
    .catch(() => false);
  if (!exists) {
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, target);
  }
  const stored = {
    filePath,
    sha256,
    mime: kind.mime,
    width: info.width,
    height: info.height,
    sizeBytes: bytes.length,
  };
  if (shared) await saveMediaBlob(shared, stored, bytes);
  return stored;
}
