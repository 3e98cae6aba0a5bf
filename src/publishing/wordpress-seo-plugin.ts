import fs from 'node:fs';
import path from 'node:path';
import { Igny8Error } from '../errors/index.js';
import { findTemplatesDir } from '../models/find-templates-dir.js';

/** The companion must-use plugin's file name, as WordPress will list it. */
export const SEO_PLUGIN_FILE = 'igny8-seo-fields.php';

/**
 * Write the companion must-use plugin (templates/wordpress/igny8-seo-fields.php) into `dir`,
 * creating the folder. Returns the file written. Refuses to overwrite a different file.
 * @example writeSeoPlugin('./wp-content/mu-plugins') // '/abs/wp-content/mu-plugins/igny8-seo-fields.php'
 */
export function writeSeoPlugin(dir: string, opts: { force?: boolean } = {}): string {
  const source = path.join(findTemplatesDir(), 'wordpress', SEO_PLUGIN_FILE);
  const text = fs.readFileSync(source, 'utf8');
  const target = path.resolve(dir, SEO_PLUGIN_FILE);
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') !== text && !opts.force) {
    throw new Igny8Error('ALREADY_EXISTS', `${target} exists and differs from this version of the plugin`, {
      hint: 'Pass --force to replace it, or choose another --out folder.',
    });
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
  return target;
}
