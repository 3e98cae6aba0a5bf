import type { Response } from 'express';
import { Igny8Error, type Core } from '../src/index.js';
import { sendMediaFile } from './send-media-file.js';

/** Send a generated image's file; an image not (yet) drawn reads as not found. */
export async function sendImageFile(
  core: Core,
  res: Response,
  image: { id: string; status: string; filePath: string | null; mime: string | null } | undefined,
  id: string,
): Promise<void> {
  if (!image?.filePath || image.status !== 'done')
    throw new Igny8Error('IMAGE_NOT_FOUND', `No generated image ${id}`, {
      hint: 'An image has a file once it is done; regenerate it if it failed.',
    });
  // A worker on another machine may have made it: copy it from the database (media.store "db").
  await core.media.local(image.filePath);
  await sendMediaFile(res, core.media.dir, image.filePath, image.mime);
}
