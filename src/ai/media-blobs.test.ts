import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxPng } from '../providers/sandbox/sandbox-png.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { ensureLocalMedia } from './media-blobs.js';
import { storeMedia } from './media-store.js';

describe.each(DIALECTS)('shared media in the database (%s)', (dialect) => {
  let t: TestDb;
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    await t?.close();
  });
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-media-'));
    dirs.push(d);
    return d;
  };

  it('an image stored by one process is served from another folder (another machine) via the database', async () => {
    t = await createTestDb(dialect);
    const [workerDir, serverDir] = [tmp(), tmp()];
    const png = sandboxPng(64, 48, 7);
    const stored = await storeMedia(workerDir, png, 'sandbox', t.db);
    await storeMedia(workerDir, png, 'sandbox', t.db); // the same bytes again: one row
    const rows = await t.db.selectFrom('media_blobs').select(['sha256', 'mime', 'size_bytes']).execute();
    expect(rows).toEqual([{ sha256: stored.sha256, mime: 'image/png', size_bytes: png.length }]);

    expect(fs.existsSync(path.join(serverDir, stored.filePath))).toBe(false);
    const local = await ensureLocalMedia(t.db, serverDir, stored.filePath);
    expect(local).toBe(path.join(serverDir, stored.filePath));
    expect(fs.readFileSync(local!).equals(png)).toBe(true);
    // Folder mode (no database): only what is in the folder.
    expect(await ensureLocalMedia(null, tmp(), stored.filePath)).toBeNull();
    // Unknown hash, or a name that would leave the folder: nothing.
    expect(await ensureLocalMedia(t.db, serverDir, `${'0'.repeat(64)}.png`)).toBeNull();
    expect(await ensureLocalMedia(t.db, serverDir, `../${stored.filePath}`)).toBeNull();
  });
});
