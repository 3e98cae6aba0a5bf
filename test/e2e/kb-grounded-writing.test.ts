import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importKeywords } from '../../src/planner/index.js';
import { citationNumbers, type Grounding } from '../../src/kb/index.js';
import { htmlToText } from '../../src/writer/html-text.js';
import { createAiKit } from '../ai/ai-kit.js';
import { FIXTURES } from '../helpers/project.js';
import { DIALECTS } from '../helpers/test-db.js';

/** Twenty short documents about the topics the coffee keywords cover, each with checkable facts. */
const DOCS: Array<[string, string[]]> = [
  [
    'Espresso Machine Buying Notes',
    [
      'A good espresso machine holds brew water between 90 and 96 degrees Celsius for stable extraction.',
      'Espresso machines under 500 dollars usually have a single boiler, so steaming milk and pulling shots happen one after the other.',
    ],
  ],
  [
    'Descaling Your Espresso Machine',
    [
      'Descale an espresso machine every two to three months with a citric acid descaler when you use hard water.',
      'Run two full tanks of fresh water through the machine after descaling to rinse the descaler out.',
    ],
  ],
  [
    'Burr Grinder Basics',
    [
      'A burr grinder crushes coffee beans between two burrs and gives an even grind size, unlike a blade grinder that chops unevenly.',
      'Espresso needs a fine grind, while French press coffee needs a coarse grind like sea salt.',
    ],
  ],
  [
    'Coffee Grind Size Chart',
    [
      'Coffee grind size runs from extra fine for Turkish coffee to extra coarse for cold brew.',
      'Pour over coffee uses a medium fine grind similar to table salt.',
    ],
  ],
  [
    'French Press Method',
    [
      'French press coffee steeps coarse grounds for four minutes before pressing the plunger.',
      'A French press coffee ratio of one to fifteen gives a full bodied cup.',
    ],
  ],
  [
    'Pour Over Coffee Guide',
    [
      'Pour over coffee starts with a 30 second bloom using twice the coffee weight in water.',
      'A pour over coffee ratio of one to sixteen is a common starting point for the Hario V60 and the Chemex.',
    ],
  ],
  [
    'Cold Brew Coffee Recipe',
    [
      'Cold brew coffee steeps coarse grounds in cold water for 12 to 18 hours.',
      'A cold brew ratio of one to eight makes a ready to drink cold brew; one to four makes a concentrate.',
    ],
  ],
  [
    'Iced Coffee and Iced Lattes',
    [
      'Iced coffee is hot brewed coffee cooled over ice, so it tastes brighter than cold brew.',
      'An iced latte is a double espresso poured over ice with cold milk.',
    ],
  ],
  [
    'Milk Frothing Guide',
    [
      'Froth milk to 60 to 65 degrees Celsius for a sweet, silky texture in a latte or cappuccino.',
      'Oat milk barista editions froth better than regular oat milk because of added oil.',
    ],
  ],
  [
    'Latte, Cappuccino and Flat White',
    [
      'A cappuccino has equal parts espresso, steamed milk and milk foam.',
      'A flat white uses a thin layer of microfoam and a double ristretto shot.',
    ],
  ],
  [
    'AeroPress Recipes',
    [
      'The AeroPress brews with a one to two minute steep and gentle air pressure.',
      'The inverted AeroPress method stops coffee dripping through before you press.',
    ],
  ],
  [
    'Choosing Coffee Beans',
    [
      'Arabica coffee beans taste sweeter and hold about half the caffeine of Robusta beans.',
      'Light roast coffee keeps more origin flavour, while dark roast coffee tastes of chocolate and smoke.',
    ],
  ],
  [
    'Storing Coffee Beans',
    [
      'Store coffee beans in an airtight container away from light, heat and moisture.',
      'Whole coffee beans stay fresh for about a month after roasting; ground coffee goes stale within days.',
    ],
  ],
  [
    'Caffeine Content',
    [
      'A single shot of espresso holds about 63 milligrams of caffeine.',
      'A cup of drip coffee holds about 95 milligrams of caffeine; decaf coffee still holds 2 to 15 milligrams.',
    ],
  ],
  [
    'Moka Pot Coffee',
    [
      'A moka pot forces boiling water through coffee grounds with steam pressure of about 1.5 bar.',
      'Moka pot coffee is strong but not true espresso, which needs about 9 bar of pressure.',
    ],
  ],
  [
    'Coffee to Water Ratio',
    [
      'The golden coffee to water ratio is about one gram of coffee to 15 to 18 grams of water.',
      'One level coffee scoop holds about 10 grams of ground coffee.',
    ],
  ],
  [
    'Coffee Scales',
    [
      'A coffee scale with 0.1 gram precision and a built in timer makes pour over coffee repeatable.',
      'Weigh coffee beans rather than using scoops, because bean density varies with roast.',
    ],
  ],
  [
    'Gooseneck Kettles',
    [
      'A gooseneck kettle gives a slow, steady pour for pour over coffee.',
      'Variable temperature kettles let you brew green tea and coffee at their own temperatures.',
    ],
  ],
  [
    'Drip Coffee Makers',
    [
      'The best drip coffee makers heat water to between 92 and 96 degrees Celsius.',
      'Single serve coffee makers such as Keurig and Nespresso use pods and need regular descaling.',
    ],
  ],
  [
    'Home Coffee Roasting',
    [
      'Roasting coffee beans at home takes 10 to 15 minutes in a popcorn popper or a home coffee roaster.',
      'First crack marks a light roast; second crack marks the start of a dark roast.',
    ],
  ],
];

describe.each(DIALECTS)('grounded writing on the sandbox on %s', (dialect) => {
  it('a site with a 20-document knowledge base gets articles whose sections cite supplied passages, and nothing else', async () => {
    const kit = await createAiKit(dialect, { credits: 100_000 });
    try {
      const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
      for (const [title, facts] of DOCS) {
        const md = `# ${title}\n\n${facts.join('\n\n')}\n`;
        const added = await kit.core.kb.add(site, {
          kind: 'bytes',
          bytes: Buffer.from(md),
          fileName: `${title.toLowerCase().replace(/\W+/g, '-')}.md`,
          url: `https://docs.example.com/${title.toLowerCase().replace(/\W+/g, '-')}`,
        });
        expect(added.created).toBe(true);
      }
      expect((await kit.core.kb.list(site)).total).toBe(20);
      const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
      await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
      const run = await kit.core.automation.start(site, {
        options: { stages: [1, 2, 3, 4], maxItemsPerStage: 6, concurrency: 2 },
      });
      expect(run.status).toBe('completed');
      expect(run.results['4']?.failed ?? 0).toBe(0);

      const passages = new Map(
        (await kit.core.db.selectFrom('kb_passages').select(['id', 'source_id']).execute()).map((p) => [
          p.id,
          p,
        ]),
      );
      const list = await kit.core.content.list(site, { limit: 50 });
      expect(list.items.length).toBeGreaterThanOrEqual(4);
      let sectionsWithCitations = 0;
      let sections = 0;
      for (const item of list.items) {
        const c = await kit.core.content.get(site, item.id);
        const g = c.grounding as Grounding & { sentences: Array<{ sentence: string; cites: number[] }> };
        expect(g.status).toBe('grounded');
        // Every supplied passage is one of the site's, and every citation is to a supplied one.
        for (const s of g.supplied) expect(passages.get(s.passageId)?.source_id).toBe(s.sourceId);
        const supplied = new Set(g.supplied.map((s) => s.passageId));
        expect(g.cited.length).toBeGreaterThan(0);
        for (const cited of g.cited) expect(supplied.has(cited.passageId)).toBe(true);
        const [body, sourcesList] = c.html.split('<h2>Sources</h2>');
        const numbers = citationNumbers(htmlToText(body!));
        expect(numbers.length).toBeGreaterThan(0);
        expect(new Set(numbers)).toEqual(new Set(g.cited.map((x) => x.n)));
        // The Sources list names each cited source with its URL, in citation order.
        for (const cited of g.cited) expect(sourcesList).toContain(cited.url!);
        expect(g.sentences.length).toBeGreaterThanOrEqual(g.cited.length);
        for (const s of g.sentences)
          for (const n of s.cites) expect(g.cited.some((x) => x.n === n)).toBe(true);
        // Sections: most of the outline's sections carry a citation.
        for (const sec of body!.split('<h2>').slice(1)) {
          sections++;
          if (citationNumbers(htmlToText(sec)).length) sectionsWithCitations++;
        }
      }
      expect(sectionsWithCitations / sections).toBeGreaterThan(0.5);
    } finally {
      await kit.close();
    }
  }, 300_000);

  it('a site without a knowledge base, or with one about something else, gets articles marked ungrounded without citations', async () => {
    const kit = await createAiKit(dialect, { credits: 100_000 });
    try {
      const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
      const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
      await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
      const run = await kit.core.automation.start(site, {
        options: { stages: [1, 2, 3, 4], maxItemsPerStage: 2, concurrency: 2 },
      });
      expect(run.status).toBe('completed');
      const first = await kit.core.content.list(site, { limit: 50 });
      expect(first.items.length).toBeGreaterThan(0);
      for (const item of first.items) {
        const c = await kit.core.content.get(site, item.id);
        expect(c.grounding).toMatchObject({ status: 'ungrounded', reason: 'no-knowledge-base', cited: [] });
        expect(citationNumbers(htmlToText(c.html))).toEqual([]);
        expect(c.html).not.toContain('<h2>Sources</h2>');
      }
      // A knowledge base about gardening matches no coffee section.
      await kit.core.kb.add(site, {
        kind: 'bytes',
        bytes: Buffer.from('# Tomatoes\n\nWater tomato plants deeply twice a week and stake them early.'),
      });
      const { retrieveForOutline } = await import('../../src/kb/index.js');
      const r = await retrieveForOutline(kit.core.db, site, {
        focusKeyword: 'cold brew ratio',
        sections: [{ heading: 'How long to steep cold brew', points: ['steeping time'] }],
      });
      expect(r).toEqual({ passages: [], reason: 'no-matching-passages' });
    } finally {
      await kit.close();
    }
  }, 300_000);
});
