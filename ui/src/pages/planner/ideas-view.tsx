import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { paths } from '../../api/endpoints';
import { apiQuery } from '../../api/queries';
import type { Idea, Page } from '../../api/types';
import { Badge } from '../../components/badge';
import { AsyncView, Empty } from '../../components/feedback';
import { Pager } from '../../components/pager';
import { num } from '../../util/format';

function Outline({ idea }: { idea: Idea }) {
  const sections = idea.outline?.sections ?? [];
  if (sections.length === 0) return <p className="muted">No outline stored.</p>;
  return (
    <ol className="outline">
      {sections.map((s, i) => (
        <li key={`${s.heading}-${i}`}>
          <strong>{s.heading}</strong>
          {s.points.length > 0 ? (
            <ul>
              {s.points.map((p, j) => (
                <li key={j}>{p}</li>
              ))}
            </ul>
          ) : null}
          {s.keywords.length > 0 ? <p className="muted small">Keywords: {s.keywords.join(', ')}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function IdeaCard({ idea, open }: { idea: Idea; open: boolean }) {
  return (
    <li id={`idea-${idea.id}`} className={`card ${open ? 'highlight' : ''}`}>
      <details open={open}>
        <summary>
          <span className="grow">{idea.title}</span> <Badge status={idea.status} />
        </summary>
        {idea.brief ? <p>{idea.brief}</p> : null}
        <p className="muted small">
          {idea.clusterName ? `${idea.clusterName} · ` : ''}
          {idea.contentType} ({idea.structure}) · {num(idea.targetWords)} words · primary:{' '}
          {idea.primaryKeywords.join(', ') || '—'}
          {idea.secondaryKeywords.length ? ` · also: ${idea.secondaryKeywords.join(', ')}` : ''}
        </p>
        <h3 className="small-heading">Outline</h3>
        <Outline idea={idea} />
      </details>
    </li>
  );
}

/** Article ideas with their briefs, keywords and the outline the writer follows. */
export function IdeasView({ siteId }: { siteId: string }) {
  const [search] = useSearchParams();
  const focus = search.get('idea');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...apiQuery<Page<Idea>>(paths.ideas, { siteId, limit: 25, offset }),
    placeholderData: keepPreviousData,
  });
  // A search hit may point past this page: read that idea on its own and show it first.
  const onPage = list.data?.results.some((i) => i.id === focus) ?? true;
  const focused = useQuery({
    ...apiQuery<Idea>(paths.idea(focus ?? '')),
    enabled: Boolean(focus) && !onPage,
  });

  useEffect(() => {
    if (focus && list.data) document.getElementById(`idea-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, list.data, focused.data]);

  return (
    <AsyncView state={list} what="Ideas">
      {(page) =>
        page.count === 0 ? (
          <Empty>No ideas yet: stage 2 of a run turns clusters into ideas with outlines.</Empty>
        ) : (
          <div>
            <ul className="cards" aria-label={`Ideas (${num(page.count)})`}>
              {focused.data && !onPage ? <IdeaCard idea={focused.data} open /> : null}
              {page.results.map((idea) => (
                <IdeaCard key={idea.id} idea={idea} open={idea.id === focus} />
              ))}
            </ul>
            <Pager count={page.count} offset={offset} limit={25} onChange={setOffset} label="Idea pages" />
          </div>
        )
      }
    </AsyncView>
  );
}
