import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Igny8Error } from '../errors/index.js';

let cached: string | undefined;

/**
 * The bundled `templates/` folder. Found by walking up from this file, because the code runs from
 * `src/models/` (tsx, tests) and from `dist/src/models/` (the built package) at different depths.
 */
export function findTemplatesDir(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'templates');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) {
      cached = candidate;
      return candidate;
    }
    dir = path.dirname(dir);
  }
  throw new Igny8Error('FILE_NOT_FOUND', 'The bundled templates folder is missing', {
    hint: 'Reinstall igny8: the package ships templates/ next to dist/.',
  });
}
