import type { z } from 'zod';
import type { AutoClusterInputSchema, AutoClusterOutput } from '../../ai/functions/auto-cluster.schema.js';
import { contentTokens, keywordParts, normalize, titleCase } from './sandbox-words.js';

type Input = z.output<typeof AutoClusterInputSchema>;

interface Item {
  text: string;
  tokens: string[];
  volume: number;
}

const MAX = 10;

/** Heads a keyword offers: its topic words and adjacent word pairs ("french press"). */
function headsOf(item: Item): string[] {
  const pairs = item.tokens.slice(1).map((t, i) => `${item.tokens[i]} ${t}`);
  return [...new Set([...item.tokens, ...pairs])];
}

const has = (item: Item, head: string) => headsOf(item).includes(head);

const INTENT_WANTS = {
  informational: 'clear answers and step-by-step help',
  commercial: 'help comparing options and choosing well',
  transactional: 'to know what to buy and where',
};

function describe(name: string, members: Item[]): string {
  const intents = members.map((m) => keywordParts(m.text).intent);
  const top = (['commercial', 'transactional', 'informational'] as const)
    .map((i) => [i, intents.filter((x) => x === i).length] as const)
    .sort((a, b) => b[1] - a[1])[0]![0];
  const examples = members
    .slice(0, 2)
    .map((m) => `"${m.text}"`)
    .join(' and ');
  return `People searching about ${name.toLowerCase()} want ${INTENT_WANTS[top]}, for example ${examples}. (igny8 sandbox sample)`;
}

/** The cluster's name: its head, or the most common word pair around it ("coffee" + "iced" → "Iced Coffee"). */
function nameFor(
  head: string,
  members: Item[],
  primary: string,
  ctx: { taken: Set<string>; existing: Map<string, string>; seedWord?: string },
): string {
  const { taken, existing, seedWord } = ctx;
  let name = head;
  if (!head.includes(' ')) {
    const counts = new Map<string, number>();
    for (const m of members) {
      m.tokens.forEach((t, i) => {
        if (t !== head) return;
        if (m.tokens[i - 1])
          counts.set(`${m.tokens[i - 1]} ${t}`, (counts.get(`${m.tokens[i - 1]} ${t}`) ?? 0) + 1);
        if (m.tokens[i + 1])
          counts.set(`${t} ${m.tokens[i + 1]}`, (counts.get(`${t} ${m.tokens[i + 1]}`) ?? 0) + 1);
      });
    }
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best && best[1] >= 2) name = best[0];
    // A lone word ("recipe") reads better with the topic every keyword shares ("coffee recipe").
    else if (seedWord && seedWord !== head) name = `${seedWord} ${head}`;
  }
  let title = titleCase(name);
  // A second "Coffee Recipe" is named after its biggest keyword's topic instead ("Hario V60").
  if (taken.has(title.toLowerCase())) title = titleCase(keywordParts(primary).subject);
  for (let n = 2; taken.has(title.toLowerCase()); n++) title = `${titleCase(name)} ${n}`;
  taken.add(title.toLowerCase());
  // An earlier batch's cluster of the same name is reused exactly, so the batches merge.
  return existing.get(title.toLowerCase()) ?? title;
}

/**
 * Group keywords by the words they share, like a careful human would: pick the head (a topic word
 * or word pair) that covers the most unclustered keywords, skipping the seed word every keyword
 * shares, take up to 10 members by volume, repeat; then home the leftovers where they overlap most.
 */
export function sandboxClusters(input: Input): AutoClusterOutput {
  const unique = new Map<string, Item>();
  for (const k of input.keywords) {
    const key = normalize(k.keyword);
    if (!unique.has(key))
      unique.set(key, { text: k.keyword.trim(), tokens: contentTokens(k.keyword), volume: k.volume ?? 0 });
  }
  const items = [...unique.values()];
  const min = Math.min(3, items.length);
  if (items.length === 0) return { clusters: [] };
  const df = new Map<string, number>();
  for (const it of items) for (const h of headsOf(it)) df.set(h, (df.get(h) ?? 0) + 1);
  // A word in most keywords ("coffee" in a coffee list) says nothing about sub-topics.
  const seed = new Set(
    [...df]
      .filter(([h, n]) => items.length >= 8 && n / items.length > 0.4 && !h.includes(' '))
      .map(([h]) => h),
  );
  const unassigned = new Set(items);
  const taken = new Set<string>();
  const existing = new Map((input.existingClusters ?? []).map((n) => [n.toLowerCase(), n]));
  const groups: Array<{ head: string; members: Item[] }> = [];
  for (;;) {
    let best: { head: string; members: Item[]; score: number } | undefined;
    for (const head of df.keys()) {
      if (seed.has(head) || head.split(' ').every((w) => seed.has(w))) continue;
      const members = [...unassigned].filter((it) => has(it, head));
      if (members.length < min) continue;
      const score = Math.min(members.length, MAX) * (head.includes(' ') ? 1.6 : 1);
      if (!best || score > best.score || (score === best.score && head < best.head))
        best = { head, members, score };
    }
    if (!best) break;
    const members = best.members
      .sort((a, b) => b.volume - a.volume || a.text.localeCompare(b.text))
      .slice(0, MAX);
    members.forEach((m) => unassigned.delete(m));
    groups.push({ head: best.head, members });
  }
  // Leftovers join the group they share most words with, while it has room.
  for (const it of [...unassigned]) {
    const home = groups
      .filter((g) => g.members.length < MAX)
      .map((g) => ({
        g,
        overlap: g.members.reduce(
          (n, m) => n + m.tokens.filter((t) => !seed.has(t) && it.tokens.includes(t)).length,
          0,
        ),
      }))
      .filter((x) => x.overlap > 0)
      .sort((a, b) => b.overlap - a.overlap)[0];
    if (home) {
      home.g.members.push(it);
      unassigned.delete(it);
    }
  }
  // What is still left (or a batch with nothing in common) becomes clusters of its own when big enough.
  const rest = [...unassigned].sort((a, b) => b.volume - a.volume || a.text.localeCompare(b.text));
  for (let i = 0; i + min <= rest.length; i += MAX) {
    const members = rest.slice(i, i + MAX);
    if (members.length < min) break;
    const topic = [...seed][0] ?? members[0]!.tokens[0] ?? normalize(members[0]!.text);
    groups.push({ head: `${topic} basics`, members });
  }
  return {
    clusters: groups.map((g) => {
      const primary = [...g.members].sort((a, b) => b.volume - a.volume || a.text.length - b.text.length)[0]!;
      const name = nameFor(g.head, g.members, primary.text, { taken, existing, seedWord: [...seed][0] });
      return {
        name,
        description: describe(name, g.members),
        primaryKeyword: primary.text,
        keywords: g.members.map((m) => m.text),
      };
    }),
  };
}
