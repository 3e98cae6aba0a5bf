import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../../scripts/api-types.js';
import { ALL_ROUTES } from '../../server/routes/index.js';

describe('the dashboard API types (ui/src/api/schema.gen.ts)', () => {
  it('are what `npm run gen:api` writes from the current route table (regenerate when this fails)', async () => {
    const committed = await readFile(API_TYPES_FILE, 'utf8');
    const fresh = await generateApiTypes();
    // Compare line by line so a failure names the first stale line rather than two 8000-line strings.
    const a = committed.split('\n');
    const b = fresh.split('\n');
    const first = b.findIndex((line, i) => a[i] !== line);
    expect(
      first === -1 && a.length === b.length
        ? null
        : { line: first + 1, committed: a[first], fresh: b[first] },
    ).toBeNull();
  });

  it('name every route of the table', async () => {
    const source = await generateApiTypes();
    for (const route of ALL_ROUTES) {
      expect(source).toContain(`"/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}": {`);
    }
  });
});
