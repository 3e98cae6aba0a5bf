import { createPrng } from '../util/prng.js';

/**
 * A seeded, realistic-looking keyword set for benchmarks, tests and demos: product head terms
 * (qualifier × noun) crossed with the modifiers real exports are full of ("best …", "… under 500",
 * "how to clean …", "… vs …"), Zipf-like volumes, and a share of one-off long-tail noise.
 * Nothing is downloaded; the same seed always gives the same set.
 */
export interface SyntheticKeyword {
  keyword: string;
  volume: number;
}

const NOUNS = (
  'espresso machine,coffee grinder,running shoes,yoga mat,standing desk,air fryer,dog food,cat litter,road bike,' +
  'camping tent,sleeping bag,hiking boots,electric toothbrush,water filter,robot vacuum,gaming laptop,' +
  'mechanical keyboard,office chair,baby stroller,car seat,protein powder,rice cooker,blender,kettle,mattress,' +
  'pillow,drone,camera,headphones,smart watch,backpack,sunglasses,winter jacket,rain boots,lawn mower,' +
  'pressure washer,space heater,dehumidifier,air purifier,ceiling fan,desk lamp,monitor,printer,router,' +
  'tablet,phone case,power bank,bluetooth speaker,microphone,webcam,guitar,piano keyboard,fishing rod,' +
  'kayak,skateboard,treadmill,dumbbells,resistance bands,jump rope,bike helmet'
).split(',');

const QUALIFIERS = (
  'portable,electric,manual,wireless,stainless steel,compact,smart,organic,kids,outdoor,commercial,cordless,' +
  'mini,large,waterproof,ergonomic,bamboo,vegan,heavy duty,foldable,lightweight,quiet,automatic,digital,' +
  'rechargeable,adjustable,inflatable,insulated,leather,wooden,titanium,solar,vintage,luxury,eco friendly'
).split(',');

const AUDIENCES =
  'beginners,kids,seniors,small spaces,home,travel,professionals,students,apartments,women,men'.split(',');
const PRICES = '50,100,200,300,500,1000'.split(',');
const BRANDS = 'acme,zenith,nordic,apex,vertex,lumen,orbit,terra,hydra,kestrel'.split(',');
const YEARS = '2025,2026'.split(',');

const TEMPLATES = [
  '{h}',
  'best {h}',
  'best {h} for {a}',
  '{h} for {a}',
  'cheap {h}',
  'affordable {h}',
  '{h} under {p}',
  'best {h} under {p}',
  'how to clean {h}',
  'how to clean a {h}',
  'how to use {h}',
  'how to choose a {h}',
  'how to fix {h}',
  '{h} reviews',
  '{h} review {y}',
  'best {h} {y}',
  '{h} vs {h2}',
  '{b} {h}',
  '{b} {h} review',
  '{b} vs {b2} {h}',
  '{h} near me',
  '{h} price',
  '{h} sale',
  'is a {h} worth it',
  '{h} alternatives',
  '{h} accessories',
  '{h} replacement parts',
  '{h} repair',
  '{h} problems',
  '{h} not working',
  '{h} size guide',
  '{h} buying guide',
  '{h} deals',
  'used {h}',
  '{h} rental',
  'what is a {h}',
  'diy {h}',
  'how long does a {h} last',
  '{h} maintenance',
  '{h} warranty',
  '{h} setup',
  '{h} storage',
  '{h} cleaning tips',
  'top rated {h}',
  '{h} comparison',
  '{h} for sale',
  'refurbished {h}',
  '{h} with {f}',
  'best {h} with {f}',
];
const FEATURES =
  'timer,remote,app control,led display,carry case,filter,battery,charger,warranty,usb c'.split(',');

const NOISE = (
  'aurora,basil,canyon,delta,ember,fjord,glacier,harbor,iris,jasper,kelp,lagoon,meadow,nectar,opal,prairie,' +
  'quartz,raven,sierra,tundra,umber,violet,willow,xenon,yarrow,zephyr,amber,birch,cedar,dune,echo,fern'
).split(',');

/**
 * `count` unique keywords (by lower-case text) with volumes. `noiseShare` of them are one-off
 * long-tail phrases that share no topic with anything, the part no clustering should claim.
 * @example syntheticKeywords(100_000, { seed: 42 }).length // 100000
 */
export function syntheticKeywords(
  count: number,
  options: { seed?: number; noiseShare?: number } = {},
): SyntheticKeyword[] {
  const rand = createPrng(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const heads = NOUNS.flatMap((n) => [n, ...QUALIFIERS.map((q) => `${q} ${n}`)]);
  // Shuffle so any prefix of the head list spans every noun.
  for (let i = heads.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [heads[i], heads[j]] = [heads[j]!, heads[i]!];
  }
  const noise = Math.round(count * (options.noiseShare ?? 0.03));
  const seen = new Set<string>();
  const out: SyntheticKeyword[] = [];
  const push = (keyword: string, volume: number) => {
    if (out.length >= count || seen.has(keyword)) return;
    seen.add(keyword);
    out.push({ keyword, volume: Math.max(10, Math.round(volume / 10) * 10) });
  };
  for (let guard = 0; out.length < count - noise && guard < count * 20; guard++) {
    // Zipf-like: a few heads get many variants and most of the volume.
    const rank = Math.floor(heads.length * rand() ** 2);
    const h = heads[rank]!;
    const base = 60_000 / (1 + rank / 20);
    const t = pick(TEMPLATES);
    const keyword = t
      .replace('{h2}', pick(heads))
      .replace('{h}', h)
      .replace('{a}', pick(AUDIENCES))
      .replace('{p}', pick(PRICES))
      .replace('{y}', pick(YEARS))
      .replace('{b2}', pick(BRANDS))
      .replace('{b}', pick(BRANDS))
      .replace('{f}', pick(FEATURES));
    push(keyword, base * rand() ** 3);
  }
  for (let guard = 0; out.length < count && guard < count * 20; guard++) {
    const words = 2 + Math.floor(rand() * 3);
    const phrase = Array.from({ length: words }, () => `${pick(NOISE)}${Math.floor(rand() * 1000)}`).join(
      ' ',
    );
    push(phrase, 20 + rand() * 200);
  }
  return out;
}
