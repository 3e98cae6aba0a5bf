import { useState } from 'react';
import { useSupports } from '../../api/capabilities';
import { api, apiUrl } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { Content, ImageView, Page } from '../../api/types';
import { invalidate, useApi, useMutation } from '../../api/use-api';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { PageHeader } from '../../components/page';
import { Pager } from '../../components/pager';
import { toast } from '../../components/toast';
import { Link } from '../../router/router';
import { ImageCard } from './image-card';

const PER_PAGE = 6;

function ArticleImages({ contentId, status }: { contentId: string; status: string }) {
  const article = useApi<Content>(paths.content(contentId));
  const canEdit = useCan('editor');
  const canRegenerate = useSupports('POST', apiUrl(paths.imageRegenerate('x')));
  const regen = useMutation((id: string) => api<ImageView>(paths.imageRegenerate(id), { method: 'POST' }));
  const doRegen = async (img: ImageView) => {
    if (!(await regen.run(img.id))) return;
    toast('Image regenerated');
    invalidate(paths.content(contentId));
  };
  return (
    <AsyncView state={article} what="Images">
      {(c) => {
        const images = (c.images ?? []).filter((i) => !status || i.status === status);
        if (images.length === 0) return null;
        return (
          <section className="card" aria-label={`Images of ${c.title}`}>
            <div className="card-head">
              <h2>
                <Link to={`/writer/content/${encodeURIComponent(c.id)}`}>{c.title}</Link>
              </h2>
            </div>
            <ErrorNotice error={regen.error} />
            <ul className="gallery">
              {images.map((img) => (
                <li key={img.id}>
                  <ImageCard
                    image={img}
                    actions={
                      canEdit && canRegenerate ? (
                        <button
                          type="button"
                          onClick={() => void doRegen(img)}
                          disabled={regen.pending}
                          aria-label={`Regenerate the ${img.role} image of ${c.title}`}
                        >
                          Regenerate
                        </button>
                      ) : null
                    }
                  />
                </li>
              ))}
            </ul>
          </section>
        );
      }}
    </AsyncView>
  );
}

/** The site's generated images, article by article, newest articles first. */
export function ImagesPage() {
  const { siteId, site } = useSite();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useApi<Page<Content>>(siteId ? paths.contents : null, {
    query: { siteId, limit: PER_PAGE, offset },
  });
  return (
    <div>
      <PageHeader title="Images">
        {site ? `Featured and inline images of ${site.name}, by article` : 'Add a site first.'}
      </PageHeader>
      <div className="filters">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Any</option>
            <option value="done">Done</option>
            <option value="pending">Pending</option>
            <option value="failed">Failed</option>
          </select>
        </label>
      </div>
      <AsyncView state={list} what="The image gallery">
        {(page) =>
          page.count === 0 ? (
            <Empty>No images yet: stages 5 and 6 of a run make them.</Empty>
          ) : (
            <div className="stack">
              {page.results.map((c) => (
                <ArticleImages key={c.id} contentId={c.id} status={status} />
              ))}
              <Pager
                count={page.count}
                offset={offset}
                limit={PER_PAGE}
                onChange={setOffset}
                label="Article pages"
              />
            </div>
          )
        }
      </AsyncView>
    </div>
  );
}
