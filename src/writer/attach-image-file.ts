import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { updateImage } from './images.repository.js';

/** A drawn image file stored under the media folder. */
export interface ImageFile {
  filePath: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  sizeBytes: number;
  /** "provider:modelId". */
  model: string;
}

/** Mark the image row done with its file, hash, size and model (IMAGE_NOT_FOUND when it is gone). */
export async function attachImageFile(
  trx: Db,
  scope: Pick<Scope, 'accountId'>,
  imageId: string,
  file: ImageFile,
): Promise<{ imageId: string }> {
  const changed = await updateImage(trx, scope, imageId, {
    file_path: file.filePath,
    sha256: file.sha256,
    mime: file.mime,
    width: file.width,
    height: file.height,
    size_bytes: file.sizeBytes,
    model: file.model,
    error: null,
    status: 'done',
    updated_at: nowIso(),
  });
  if (changed === 0) throw new Igny8Error('IMAGE_NOT_FOUND', `Image ${imageId} not found`);
  return { imageId };
}
