import { describe, expect, it } from 'vitest';
import { HINT_ACTIONS } from '../api-contract/hint-actions.js';
import { Igny8Error } from './igny8-error.js';
import { wordHint } from './hint-wording.js';

const params = { runId: 'r1', module: 'writer', known: 'a, b', type: 'text', ref: 'p:m', contentId: 'c1' };

describe('hint actions, worded per surface', () => {
  it.each(HINT_ACTIONS)('%s: the CLI names a command, the API never does', (id) => {
    const cli = wordHint({ id, params }, 'cli');
    const api = wordHint({ id, params }, 'api');
    expect(cli).toMatch(/igny8 |--/);
    expect(api.length).toBeGreaterThan(10);
    expect(api).not.toMatch(/igny8 |--[a-z]/);
    expect(api).not.toBe(cli);
  });

  it('fill in the facts of the action', () => {
    expect(wordHint({ id: 'resume_or_cancel_run', params }, 'cli')).toContain('igny8 runs resume r1');
    expect(wordHint({ id: 'resume_or_cancel_run', params }, 'api')).toContain(
      '/api/v1/automation/runs/r1/resume',
    );
  });

  it('keep the CLI text the CLI printed before actions existed', () => {
    expect(wordHint({ id: 'republish_content', params: { contentId: 'c1' } }, 'cli')).toBe(
      'To publish it again as a new post: igny8 publish --republish --content c1',
    );
    expect(wordHint({ id: 'enable_module', params }, 'cli')).toBe(
      'An owner or admin can enable it: igny8 account modules --enable writer',
    );
  });

  it("an error's hint is the CLI wording; hintFor words it for another surface", () => {
    const err = new Igny8Error('SITE_NOT_FOUND', 'No site "x"', { action: { id: 'list_sites' } });
    expect(err.hint).toContain('igny8 site list');
    expect(err.hintFor('cli')).toBe(err.hint);
    expect(err.hintFor('api')).toContain('GET /api/v1/sites');
  });

  it('a surface-neutral hint reads the same everywhere', () => {
    const err = new Igny8Error('VALIDATION_FAILED', 'bad', { hint: 'Fix the fields listed.' });
    expect([err.hint, err.hintFor('api')]).toEqual(['Fix the fields listed.', 'Fix the fields listed.']);
  });
});
