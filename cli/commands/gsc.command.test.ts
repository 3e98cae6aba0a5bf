import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../../test/helpers/project.js';
import {
  createFakeSearchConsole,
  fakeServiceAccount,
  type FakeSearchConsole,
} from '../../src/testing/index.js';

/** `igny8 gsc …` through the real CLI on a fresh SQLite workspace, against the fake Search Console. */
describe('igny8 gsc', () => {
  let p: Project;
  let gsc: FakeSearchConsole;
  const sa = fakeServiceAccount();
  beforeAll(async () => {
    gsc = await createFakeSearchConsole({
      clientEmail: sa.clientEmail,
      publicKey: sa.publicKey,
      properties: {
        'sc-domain:example.com': [
          {
            date: '2026-02-01',
            page: 'https://example.com/a',
            query: 'cold brew',
            clicks: 3,
            impressions: 30,
            position: 4,
          },
          {
            date: '2026-02-02',
            page: 'https://example.com/a',
            query: 'cold brew',
            clicks: 5,
            impressions: 10,
            position: 2,
          },
        ],
      },
    });
    p = await createProject({ IGNY8_GSC_API_URL: gsc.apiBaseUrl, IGNY8_GSC_TOKEN_URL: gsc.tokenUrl });
    await p.json(['site', 'update', 'coffee-blog', '--domain', 'example.com']);
  }, 120_000);
  afterAll(async () => {
    await gsc.close();
    fs.rmSync(p.dir, { recursive: true, force: true });
  });

  it('imports a CSV, lists top pages and queries, charts one, with --json', async () => {
    const file = path.join(p.dir, 'gsc.csv');
    fs.writeFileSync(
      file,
      [
        'Date,Page,Query,Clicks,Impressions,CTR,Position',
        '2026-01-01,https://example.com/kettles,best kettle,4,10,40%,2',
        '2026-01-02,https://example.com/kettles,best kettle,1,30,3%,6',
        '2026-01-02,https://example.com/tea,green tea,9,90,10%,1.5',
        '2026-01-02,https://elsewhere.org/x,green tea,9,90,10%,1.5',
      ].join('\n'),
    );
    const r = await p.cli(['gsc', 'import', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ stored: 3, offDomainCount: 1, replaced: 0 });
    expect(r.stderr).toMatch(/outside example.com/);
    expect(await p.json(['gsc', 'import', file])).toMatchObject({ stored: 3, replaced: 3 });

    const pages = await p.json(['gsc', 'pages']);
    expect(pages.items.map((i: { key: string }) => i.key)).toEqual([
      'https://example.com/tea',
      'https://example.com/kettles',
    ]);
    const chart = await p.json(['gsc', 'pages', '--page', 'https://example.com/kettles']);
    expect(chart.totals).toEqual({ clicks: 5, impressions: 40, position: 5 });
    expect(chart.days).toHaveLength(2);
    const human = await p.cli(['gsc', 'queries', '--query', 'best kettle']);
    expect(human.stdout).toMatch(/total: 5 clicks, 40 impressions, position 5\.0/);

    const bad = path.join(p.dir, 'Queries.csv');
    fs.writeFileSync(bad, 'Top queries,Clicks,Impressions,CTR,Position\nkettle,1,2,50%,3\n');
    const refused = await p.cli(['gsc', 'import', bad, '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stdout + refused.stderr).toMatch(/GSC_AGGREGATED_EXPORT/);
  }, 120_000);

  it('connects a service account without ever printing the key, pulls with progress on stderr', async () => {
    const keyFile = path.join(p.dir, 'key.json');
    fs.writeFileSync(keyFile, sa.json);
    const c = await p.cli([
      'gsc',
      'connect',
      '--property',
      'sc-domain:example.com',
      '--key-file',
      keyFile,
      '--json',
    ]);
    expect(c.code, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ clientEmail: sa.clientEmail });
    const pull = await p.cli(['gsc', 'pull', '--from', '2026-02-01', '--to', '2026-02-02', '--json']);
    expect(pull.code, pull.stderr).toBe(0);
    expect(JSON.parse(pull.stdout)).toMatchObject({ property: 'sc-domain:example.com', days: 2, stored: 2 });
    expect(pull.stderr).toMatch(/day 2\/2 \(2026-02-02\)/);
    const status = await p.cli(['gsc', 'status', '--json']);
    const all = [c.stdout, c.stderr, pull.stdout, pull.stderr, status.stdout].join('\n');
    expect(all).not.toMatch(/PRIVATE KEY|private_key/);
    expect(JSON.parse(status.stdout).syncs[0]).toMatchObject({
      source: 'api',
      origin: 'sc-domain:example.com',
    });
    const badDay = await p.cli(['gsc', 'pull', '--from', 'last week']);
    expect(badDay.code).toBe(2);
  }, 120_000);
});
