import fs from 'node:fs';
import { Igny8Error } from '../errors/index.js';
import { CHUNK_BYTES, type ByteSource } from './decode-text-stream.js';

export interface ImportFileLimits {
  maxBytes: number;
  /** The limit as users read it ("400 MB"). */
  maxLabel: string;
  /** The hint when the path is not a file (which file to pass). */
  notAFileHint: string;
  /** The hint when the file is too large (how to split it). */
  tooLargeHint: string;
}

/**
 * An import file in chunks, streamed and never read whole; checked first (missing, not a file, too
 * large) with stable codes. Keyword imports and Search Console imports share it.
 */
export function importFileSource(file: string, limits: ImportFileLimits): ByteSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Igny8Error(
      missing ? 'FILE_NOT_FOUND' : 'IMPORT_FAILED',
      `Cannot open ${file}: ${(cause as Error).message}`,
      {
        hint: missing
          ? 'Check the path (relative paths start from the current folder).'
          : 'Check the file permissions.',
        cause,
      },
    );
  }
  if (!stat.isFile())
    throw new Igny8Error('IMPORT_FAILED', `${file} is not a file`, { hint: limits.notAFileHint });
  if (stat.size > limits.maxBytes)
    throw new Igny8Error(
      'IMPORT_FAILED',
      `${file} is ${Math.round(stat.size / 1e6)} MB; the limit is ${limits.maxLabel}`,
      { hint: limits.tooLargeHint },
    );
  return async function* chunks() {
    try {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }))
        yield chunk as Buffer;
    } catch (cause) {
      if (cause instanceof Igny8Error) throw cause;
      throw new Igny8Error('IMPORT_FAILED', `Cannot read ${file}: ${(cause as Error).message}`, {
        hint: 'Check the file permissions.',
        cause,
      });
    }
  };
}
