import path from 'node:path';
import { Igny8Error } from '../src/index.js';

/**
 * A folder destination added over the API may only write inside `server.exportDir`: users of a
 * shared server must not pick arbitrary paths on it, so absolute paths and `..` are refused.
 */
export function resolveExportFolder(baseDir: string, folder: string, field = 'folder'): string {
  const refuse = (why: string) =>
    new Igny8Error('VALIDATION_FAILED', `Invalid folder — ${field}: ${why}`, {
      fields: { [field]: [why] },
      hint: 'Give a relative folder name such as "blog-export"; it is created inside the server export folder.',
    });
  if (path.isAbsolute(folder) || path.win32.isAbsolute(folder) || /^[a-z]:/i.test(folder))
    throw refuse('must be a relative name, not an absolute path');
  if (folder.split(/[\\/]/).some((part) => part === '..')) throw refuse('must not contain ".."');
  const base = path.resolve(baseDir);
  const resolved = path.resolve(base, folder);
  const rel = path.relative(base, resolved);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel))
    throw refuse('must name a folder inside the server export folder');
  return resolved;
}
