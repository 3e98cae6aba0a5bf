import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

interface SseEvent {
  event: string;
  id?: string;
  data: unknown;
}

/** Read an SSE stream to its end, parsed into events. */
function readEvents(
  url: string,
  token: string,
): Promise<{ status: number; type: string; events: SseEvent[] }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const events = text
            .split('\n\n')
            .filter((block) => block.includes('data: '))
            .map((block) => {
              const line = (p: string) =>
                block
                  .split('\n')
                  .find((l) => l.startsWith(p))
                  ?.slice(p.length);
              return {
                event: line('event: ') ?? 'message',
                id: line('id: '),
                data: JSON.parse(line('data: ')!),
              };
            });
          resolve({ status: res.statusCode!, type: String(res.headers['content-type']), events });
        });
      })
      .on('error', reject);
  });
}

describe.each(DIALECTS)('automation over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let editor: string;
  let siteId: string;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    editor = await h.token(a.users.editor, a.accountId);
    // A second site with fresh keywords (the first has a queued fixture run).
    const scope = { accountId: a.accountId };
    const site = await h.core.tenancy.addSite(scope, { name: 'Run site' });
    const sector = await h.core.tenancy.addSector(scope, site.id, { name: 'Main' });
    siteId = site.id;
    const words = [
      'espresso machine',
      'espresso grinder',
      'espresso beans',
      'pour over kettle',
      'pour over filter',
      'pour over dripper',
    ];
    await h.core.planner.importKeywords(
      { ...scope, siteId, sectorId: sector.id },
      { bytes: Buffer.from(words.join('\n')), format: 'plain' },
    );
  });
  afterAll(async () => h?.close());

  it('estimates, starts a run in the background and streams its progress over SSE to the end', async () => {
    const est = await call(h.base, 'post', '/automation/estimate', {
      token: await h.token(a.users.viewer, a.accountId),
      body: { siteId, options: { stages: [1] } },
    });
    expect(est.status).toBe(200);
    expect(est.json.data.stages.find((s: { stage: number }) => s.stage === 1)).toMatchObject({
      items: 6,
      credits: 0,
    });

    const started = await call(h.base, 'post', '/automation/runs', {
      token: editor,
      body: { siteId, options: { stages: [1] } },
    });
    expect(started.status).toBe(202);
    const runId = started.json.data.id;
    expect(started.json.data.trigger).toBe('api');

    const stream = await readEvents(`${h.base}/api/v1/automation/runs/${runId}/events`, editor);
    expect(stream.status).toBe(200);
    expect(stream.type).toMatch(/^text\/event-stream/);
    const names = stream.events.map((e) => e.event);
    expect(names[0]).toBe('run');
    expect(names.at(-1)).toBe('end');
    const lastRun = stream.events.filter((e) => e.event === 'run').at(-1)!.data as {
      status: string;
      results: Record<string, { done: number }>;
    };
    expect(lastRun.status).toBe('completed');
    expect(lastRun.results['1']!.done).toBeGreaterThan(0);

    const run = await call(h.base, 'get', `/automation/runs/${runId}`, { token: editor });
    expect(run.json.data.status).toBe('completed');
    const logs = await call(h.base, 'get', `/automation/runs/${runId}/logs`, { token: editor });
    expect(Array.isArray(logs.json.data)).toBe(true);
    const history = await call(h.base, 'get', `/automation/runs?siteId=${siteId}`, { token: editor });
    expect(history.json.data.results.map((r: { id: string }) => r.id)).toContain(runId);
    // A finished run still streams: a snapshot, then the end.
    const replay = await readEvents(`${h.base}/api/v1/automation/runs/${runId}/events`, editor);
    const replayed = replay.events.map((e) => e.event);
    expect(replayed.filter((n) => n !== 'log')).toEqual(['run', 'end']);
    expect(replayed.at(-1)).toBe('end');
  });

  it('picks up a queued run, refuses a start while one is paused, pauses and cancels', async () => {
    // The fixture run was queued (detached): starting on its site takes it over instead of adding one.
    const took = await call(h.base, 'post', '/automation/runs', {
      token: editor,
      body: { siteId: a.siteId, options: { stages: [3] } },
    });
    expect([took.status, took.json.data.id]).toEqual([202, a.runId]);
    const done = await readEvents(`${h.base}/api/v1/automation/runs/${a.runId}/events`, editor);
    expect((done.events.filter((e) => e.event === 'run').at(-1)!.data as { status: string }).status).toBe(
      'completed',
    );

    const queued = await h.core.automation.start(
      { accountId: a.accountId, siteId: a.siteId },
      { options: { stages: [3] }, trigger: 'api', detach: true },
    );
    const paused = await call(h.base, 'post', `/automation/runs/${queued.id}/pause`, { token: editor });
    expect(paused.json.data.status).toBe('paused');
    const busy = await call(h.base, 'post', '/automation/runs', {
      token: editor,
      body: { siteId: a.siteId },
    });
    expect([busy.status, busy.json.code]).toEqual([409, 'RUN_ALREADY_ACTIVE']);
    const cancelled = await call(h.base, 'post', `/automation/runs/${queued.id}/cancel`, { token: editor });
    expect(cancelled.json.data.status).toBe('cancelled');
    const resume = await call(h.base, 'post', `/automation/runs/${queued.id}/resume`, { token: editor });
    expect([resume.status, resume.json.code]).toEqual([409, 'INVALID_STATE']);
    const viewer = await h.token(a.users.viewer, a.accountId);
    const refused = await call(h.base, 'post', '/automation/runs', { token: viewer, body: { siteId } });
    expect([refused.status, refused.json.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('queues a detached run for workers on PostgreSQL, and refuses it on SQLite', async () => {
    const scope = { accountId: a.accountId };
    const site = await h.core.tenancy.addSite(scope, { name: 'Worker site' });
    await h.core.tenancy.addSector(scope, site.id, { name: 'Main' });
    const res = await call(h.base, 'post', '/automation/runs', {
      token: editor,
      body: { siteId: site.id, options: { stages: [3] }, detach: true },
    });
    const runs = await h.core.automation.list(scope, { siteId: site.id });
    if (dialect === 'sqlite') {
      expect([res.status, res.json.code]).toEqual([400, 'WORKERS_NEED_POSTGRES']);
      expect(runs.items).toEqual([]);
      return;
    }
    expect(res.status).toBe(202);
    expect(res.json.data).toMatchObject({ status: 'queued', trigger: 'api' });
    expect(runs.items.map((r: { id: string }) => r.id)).toEqual([res.json.data.id]);
    const cancelled = await call(h.base, 'post', `/automation/runs/${res.json.data.id}/cancel`, {
      token: editor,
    });
    expect(cancelled.json.data.status).toBe('cancelled');
  });

  it("refuses the stream of another account's run before opening it", async () => {
    const b = await h.makeTenant('b');
    const other = await h.token(b.users.owner, b.accountId);
    const res = await call(h.base, 'get', `/automation/runs/${a.runId}/events`, { token: other });
    expect([res.status, res.json.code]).toEqual([404, 'RUN_NOT_FOUND']);
  });
});
