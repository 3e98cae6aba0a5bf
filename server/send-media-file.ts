import fs from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';
import { Igny8Error } from '../src/index.js';

const IMAGE_MIME = /^image\/(png|jpeg|webp|gif|avif)$/;

/**
 * Send a stored media file. The stored name is resolved inside the media folder and refused if it
 * would leave it; only image types are served, never as HTML.
 */
export async function sendMediaFile(
  res: Response,
  mediaDir: string,
  stored: string,
  mime: string | null,
): Promise<void> {
  const root = path.resolve(mediaDir);
  const file = path.resolve(root, stored);
  if (!file.startsWith(root + path.sep))
    throw new Igny8Error('FILE_NOT_FOUND', 'The image file is not in the media folder');
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile())
    throw new Igny8Error('FILE_NOT_FOUND', 'The image file is missing from the media folder');
  res.status(200);
  res.setHeader('Content-Type', mime && IMAGE_MIME.test(mime) ? mime : 'application/octet-stream');
  res.setHeader('Content-Length', String(stat.size));
  res.setHeader('Cache-Control', 'private, max-age=3600');
  await new Promise<void>((resolve, reject) => {
    fs.createReadStream(file).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
