import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { Comparison } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { num, usd } from '../../util/format';

const PROFILES = ['economy', 'standard', 'premium'] as const;
type Profile = (typeof PROFILES)[number];
type Row = [string, (p: Comparison['profiles'][number]) => string];

const pct = (n: number) => `${Math.round(n * 100)}%`;
const ROWS: Row[] = [
  ['Text model', (p) => p.textModel + (p.sandbox ? ' (sandbox)' : '')],
  ['Images (priced, not generated)', (p) => `${p.imageModel} × ${p.summary.images.perArticle}`],
  [
    'Articles written',
    (p) => `${p.summary.articles}${p.summary.failed ? ` (${p.summary.failed} failed)` : ''}`,
  ],
  ['USD per article', (p) => usd(p.summary.usdPerArticle)],
  ['Credits per article', (p) => num(p.summary.creditsPerArticle)],
  ['Outline followed', (p) => `${p.summary.outlineFollowed}/${p.summary.articles}`],
  ['Length within 20% of target', (p) => `${p.summary.lengthOnTarget}/${p.summary.articles}`],
  ['SEO score (avg)', (p) => num(p.summary.avgSeoScore)],
  ['Reading ease (avg)', (p) => num(p.summary.avgReadingEase)],
  ['Banned/filler phrases', (p) => num(p.summary.aiPhrases)],
  ['Duplicate passages (avg)', (p) => pct(p.summary.avgDuplicateShare)],
];

/**
 * Write the same sample of ideas under each chosen profile and show cost beside quality. The
 * articles are not saved; the text calls are charged like a run's.
 */
export function CompareProfiles({ siteId }: { siteId: string }) {
  const [chosen, setChosen] = useState<Profile[]>(['economy', 'standard']);
  const [sample, setSample] = useState('3');
  const compare = useMutation({
    mutationFn: () =>
      api<Comparison>(paths.compare, {
        method: 'POST',
        body: { siteId, profiles: chosen, sample: Number(sample) },
      }),
  });
  const toggle = (p: Profile) =>
    setChosen((c) =>
      c.includes(p) ? c.filter((x) => x !== p) : PROFILES.filter((x) => x === p || c.includes(x)),
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    compare.mutate();
  };
  const cmp = compare.data;
  return (
    <form onSubmit={submit} aria-label="Compare cost profiles">
      <fieldset className="checks">
        <legend>Profiles</legend>
        {PROFILES.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={chosen.includes(p)} onChange={() => toggle(p)} /> {p}
          </label>
        ))}
      </fieldset>
      <TextField
        label="Ideas in the sample"
        type="number"
        min={1}
        max={20}
        value={sample}
        onChange={(e) => setSample(e.target.value)}
        hint="The site's oldest ideas, written under each profile. Articles are not saved; credits are charged."
      />
      <ErrorNotice error={compare.error} />
      <button type="submit" disabled={compare.isPending || chosen.length === 0}>
        {compare.isPending ? 'Writing the sample…' : 'Compare'}
      </button>
      {cmp ? (
        <div className="table-wrap">
          <table>
            <caption>
              {cmp.sample.length} idea{cmp.sample.length === 1 ? '' : 's'} under each profile
            </caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                {cmp.profiles.map((p) => (
                  <th scope="col" key={p.profile}>
                    {p.profile}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {cmp.profiles.map((p) => (
                    <td key={p.profile}>{value(p)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </form>
  );
}
