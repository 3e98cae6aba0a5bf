import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('task prompt and site voice routes on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let editor: string;
  beforeAll(async () => {
    h = await startHarness(dialect, { bundledPrompts: true });
    a = await h.makeTenant('a');
    editor = await h.token(a.users.editor, a.accountId);
  });
  afterAll(async () => h?.close());

  it('refuses a task override that drops required variables with 400 and the list, and stores a valid one', async () => {
    const path = `/tasks/${a.taskId}/prompt`;
    const bad = await call(h.base, 'put', path, { token: editor, body: { body: 'Write about {{title}}.' } });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('PROMPT_MISSING_VARIABLES');
    // The envelope names each missing variable as a field error.
    expect(Object.keys(bad.json.errors)).toEqual(['focus_keyword', 'target_words', 'input_json']);
    const body = '{{title}} {{focus_keyword}} {{target_words}}\n{{input_json}}';
    const ok = await call(h.base, 'put', path, { token: editor, body: { body } });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toMatchObject({ source: 'task', body, taskId: a.taskId });
    expect(
      (await call(h.base, 'get', `/tasks/${a.taskId}`, { token: editor })).json.data.hasPromptOverride,
    ).toBe(true);
    const cleared = await call(h.base, 'delete', path, { token: editor });
    expect(cleared.json.data).toEqual({ taskId: a.taskId, removed: true });
  });

  it('patches, shows and removes the site voice guide', async () => {
    const path = `/sites/${a.siteId}/voice`;
    const admin = await h.token(a.users.admin, a.accountId);
    const set = await call(h.base, 'patch', path, {
      token: admin,
      body: { tone: 'warm', bannedPhrases: ['game changer'] },
    });
    expect(set.status).toBe(200);
    expect(set.json.data.guide).toMatchObject({ tone: 'warm', bannedPhrases: ['game changer'] });
    expect(set.json.data.instructions).toContain('Never use these phrases: "game changer".');
    const bad = await call(h.base, 'patch', path, { token: admin, body: { readingLevel: 40 } });
    expect(bad.status).toBe(400);
    expect((await call(h.base, 'get', path, { token: editor })).json.data.guide.tone).toBe('warm');
    const removed = await call(h.base, 'delete', path, { token: admin });
    expect(removed.json.data.guide).toBeNull();
  });
});
