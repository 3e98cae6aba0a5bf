import { useEffect, useState } from 'react';
import { paths } from '../../api/endpoints';
import type { Idea, Page } from '../../api/types';
import { useApi } from '../../api/use-api';
import { Badge } from '../../components/badge';
import { AsyncView, Empty } from '../../components/feedback';
import { Pager } from '../../components/pager';
import { useLocation } from '../../router/router';
import { num } from '../../util/format';

function Outline({ idea }: { idea: Idea }) {
  const sections = idea.outline?.sections ?? [];
  if (sections.length === 0) return <p className="muted">No outline stored.</p>;
  return (
    <ol className="outline">
      {sections.map((s, i) => (
        <li key={`${s.heading}-${i}`}>
          <strong>{s.heading}</strong>
          {s.points && s.points.length > 0 ? (
            <ul>
              {s.points.map((p, j) => (
                <li key={j}>{p}</li>
              ))}
            </ul>
          ) : null}
          {s.keywords && s.keywords.length > 0 ? (
            <p className="muted small">Keywords: {s.keywords.join(', ')}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Article ideas with their briefs, keywords and the outline the writer follows. */
export function IdeasView({ siteId }: { siteId: string }) {
  const { search } = useLocation();
  const focus = search.get('idea');
  const [offset, setOffset] = useState(0);
  const list = useApi<Page<Idea>>(paths.ideas, { query: { siteId, limit: 25, offset } });

  useEffect(() => {
    if (focus && list.data) document.getElementById(`idea-${focus}`)?.scrollIntoView({ block: 'center' });
  }, [focus, list.data]);

  return (
    <AsyncView state={list} what="Ideas">
      {(page) =>
        page.count === 0 ? (
          <Empty>No ideas yet: stage 2 of a run turns clusters into ideas with outlines.</Empty>
        ) : (
          <div>
            <ul className="cards">
              {page.results.map((idea) => (
                <li
                  key={idea.id}
                  id={`idea-${idea.id}`}
                  className={`card ${idea.id === focus ? 'highlight' : ''}`}
                >
                  <details open={idea.id === focus}>
                    <summary>
                      <span className="grow">{idea.title}</span> <Badge status={idea.status} />
                    </summary>
                    {idea.brief ? <p>{idea.brief}</p> : null}
                    <p className="muted small">
                      {idea.contentType} · {num(idea.targetWords)} words · primary:{' '}
                      {idea.primaryKeywords.join(', ') || '—'}
                      {idea.secondaryKeywords.length ? ` · also: ${idea.secondaryKeywords.join(', ')}` : ''}
                    </p>
                    <h3 className="small-heading">Outline</h3>
                    <Outline idea={idea} />
                  </details>
                </li>
              ))}
            </ul>
            <Pager count={page.count} offset={offset} limit={25} onChange={setOffset} label="Idea pages" />
          </div>
        )
      }
    </AsyncView>
  );
}
