import { Igny8Error } from '../errors/index.js';
import { slugify } from '../util/ids.js';

/**
 * The slug to store: an explicit one must be free (ALREADY_EXISTS otherwise); one derived from the
 * name gets "-2", "-3", … until it is free.
 */
export async function chooseSlug(
  explicit: string | undefined,
  name: string,
  taken: (slug: string) => Promise<boolean>,
  what: { noun: string; hint: string },
): Promise<string> {
  if (explicit) {
    if (await taken(explicit))
      throw new Igny8Error('ALREADY_EXISTS', `A ${what.noun} with slug "${explicit}" already exists`, {
        hint: what.hint,
      });
    return explicit;
  }
  const base = slugify(name);
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 76)}-${n}`;
    if (!(await taken(slug))) return slug;
  }
}
