import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Db } from '../../src/db/index.js';
import { newId, nowIso } from '../../src/util/ids.js';
import type { SeededTenant } from '../helpers/seed-tenant.js';

/** A solid-colour PNG, distinct per seed so every image file has its own bytes. */
export function png(width: number, height: number, seed: number): Buffer {
  const img = new PNG({ width, height });
  const rgb = [(seed * 67) % 256, (seed * 131) % 256, (seed * 199) % 256];
  for (let i = 0; i < width * height; i++) img.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(img);
}

export interface SeededImage {
  id: string;
  role: 'featured' | 'inline';
  position: number;
  alt: string;
  bytes: Buffer;
}

let colour = 1;

/**
 * Real image files under mediaDir plus their rows (status done): one featured and `inline` inline
 * images for the article, as the image stage leaves them.
 */
export async function seedImages(
  db: Db,
  t: SeededTenant,
  contentId: string,
  mediaDir: string,
  inline = 2,
  /** Every image's pixel size (default: tiny, 48×16 featured and 24×16 inline). */
  size?: { width: number; height: number },
): Promise<SeededImage[]> {
  const specs: Array<{ role: 'featured' | 'inline'; position: number }> = [
    { role: 'featured', position: 0 },
    ...Array.from({ length: inline }, (_, i) => ({ role: 'inline' as const, position: i + 1 })),
  ];
  const out: SeededImage[] = [];
  for (const s of specs) {
    const id = newId();
    const width = size?.width ?? (s.role === 'featured' ? 48 : 24);
    const height = size?.height ?? 16;
    const bytes = png(width, height, colour++);
    const rel = path.join('images', `${contentId}-${s.role}-${s.position}.png`);
    fs.mkdirSync(path.join(mediaDir, 'images'), { recursive: true });
    fs.writeFileSync(path.join(mediaDir, rel), bytes);
    const alt = s.role === 'featured' ? `Featured photo ${id.slice(0, 6)}` : `Inline diagram ${s.position}`;
    const now = nowIso();
    await db
      .insertInto('images')
      .values({
        id,
        account_id: t.accountId,
        site_id: t.siteId,
        sector_id: t.sectorId,
        content_id: contentId,
        role: s.role,
        position: s.position,
        prompt: 'a test picture',
        negative_prompt: null,
        alt,
        caption: null,
        file_path: rel,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        mime: 'image/png',
        width,
        height,
        size_bytes: bytes.length,
        model: 'sandbox-image',
        error: null,
        status: 'done',
        created_at: now,
        updated_at: now,
      })
      .execute();
    out.push({ id, role: s.role, position: s.position, alt, bytes });
  }
  return out;
}

/** A cluster the article belongs to, and the article's keywords (they become its tags). */
export async function seedCluster(
  db: Db,
  t: SeededTenant,
  contentId: string,
  name: string,
  keywords: string[],
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('clusters')
    .values({
      id,
      account_id: t.accountId,
      site_id: t.siteId,
      sector_id: t.sectorId,
      name,
      description: null,
      primary_keyword: keywords[0] ?? null,
      keyword_count: keywords.length,
      volume_sum: 0,
      method: 'manual',
      status: 'planned',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .updateTable('contents')
    .set({ cluster_id: id, keywords: JSON.stringify(keywords) })
    .where('id', '=', contentId)
    .execute();
  return id;
}

/** Make the seeded slugs unique per run, so runs against one long-lived WordPress never collide. */
export async function uniqueSlugs(db: Db, contentIds: string[], suffix: string): Promise<void> {
  for (const id of contentIds) {
    const row = await db.selectFrom('contents').select('slug').where('id', '=', id).executeTakeFirstOrThrow();
    await db
      .updateTable('contents')
      .set({ slug: `${row.slug}-${suffix}` })
      .where('id', '=', id)
      .execute();
  }
}
