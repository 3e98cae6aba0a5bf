import { describe, expect, it } from 'vitest';
import { planMerge, type MergePage } from './cannibal-merge-plan.js';
import { renderRedirects } from './cannibal-redirects.js';

const page = (
  url: string,
  clicks: number,
  position: number,
  inboundLinks: number,
  impressions = 100,
): MergePage => ({
  url,
  title: null,
  inventoryId: null,
  contentId: null,
  clicks,
  impressions,
  position,
  share: 0.5,
  inboundLinks,
});

describe('planMerge', () => {
  it('keeps the most clicks, then the best position, then the most internal links, and says which decided', () => {
    const clicks = planMerge('q', null, [
      page('https://x.test/a/', 5, 2, 9),
      page('https://x.test/b/', 9, 8, 0),
    ]);
    expect(clicks.keep?.url).toBe('https://x.test/b/');
    expect(clicks.why).toMatch(/most clicks \(9 against 5/);

    const position = planMerge('q', null, [
      page('https://x.test/a/', 5, 7.5, 9),
      page('https://x.test/b/', 5, 3.2, 0),
    ]);
    expect(position.keep?.url).toBe('https://x.test/b/');
    expect(position.why).toMatch(/best average position \(3\.2 against 7\.5\)/);

    const links = planMerge(null, null, [
      page('https://x.test/a/', 0, 0, 1, 0),
      page('https://x.test/b/', 0, 0, 4, 0),
    ]);
    expect(links.keep?.url).toBe('https://x.test/b/');
    expect(links.why).toMatch(/most internal links pointing to it \(4 against 1\)/);
    expect(links.redirects).toEqual([
      { from: '/a/', fromUrl: 'https://x.test/a/', to: 'https://x.test/b/', code: 301 },
    ]);

    // A page without impressions never wins on its position 0.
    const noData = planMerge('q', null, [
      page('https://x.test/a/', 0, 0, 0, 0),
      page('https://x.test/b/', 0, 12, 0),
    ]);
    expect(noData.keep?.url).toBe('https://x.test/b/');
    expect(planMerge('q', null, []).keep).toBeNull();
  });
});

describe('renderRedirects', () => {
  const plan = planMerge('a "quoted", query', null, [
    page('https://x.test/keep/', 10, 2, 0),
    page('https://x.test/old,one/', 1, 9, 0),
    page('https://x.test/caf%C3%A9.html', 0, 14, 0),
  ]);

  it("writes the Redirection plugin's CSV with quoting, nginx location blocks, and JSON", () => {
    expect(renderRedirects(plan, 'csv')).toBe(
      'source,target,regex,code\n"/old,one/",https://x.test/keep/,0,301\n/caf%C3%A9.html,https://x.test/keep/,0,301\n',
    );
    const nginx = renderRedirects(plan, 'nginx');
    expect(nginx).toContain('location ~ "^/old,one/?$" {\n    return 301 https://x.test/keep/;\n}');
    expect(nginx).toContain('location ~ "^/caf%C3%A9\\.html/?$"');
    expect(nginx.split('\n')[0]).toBe(
      '# igny8 merge plan for "a "quoted", query": keep https://x.test/keep/',
    );
    expect(JSON.parse(renderRedirects(plan, 'json')).redirects).toHaveLength(2);
  });
});
