import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { GalleryImage, Page } from '../../api/types';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, Empty, ErrorNotice } from '../../components/feedback';
import { PageHeader } from '../../components/page';
import { Pager } from '../../components/pager';
import { toast } from '../../components/toast';
import { ImageCard } from './image-card';
import { SelectFilter } from '../../components/select-filter';

const PER_PAGE = 24;

/** Draw an image again (metered), with its stored prompt or a new one. */
function Regenerate({ image }: { image: GalleryImage }) {
  const invalidate = useInvalidate();
  const [prompt, setPrompt] = useState(image.prompt);
  const regen = useMutation({
    mutationFn: (body: { prompt?: string }) =>
      api<GalleryImage>(paths.imageRegenerate(image.id), { method: 'POST', body }),
    onSuccess: (img) => {
      toast(img.status === 'done' ? 'Image regenerated' : `Image ${img.status}`, img.error ? 'bad' : 'ok');
      return invalidate(paths.images, paths.content(image.contentId));
    },
  });
  const what = `the ${image.role} image of ${image.contentTitle ?? 'this article'}`;
  const withPrompt = (e: FormEvent) => {
    e.preventDefault();
    regen.mutate({ prompt: prompt.trim() });
  };
  return (
    <div className="image-actions">
      <button
        type="button"
        onClick={() => regen.mutate({})}
        disabled={regen.isPending}
        aria-label={`Regenerate ${what}`}
      >
        {regen.isPending ? 'Drawing…' : 'Regenerate'}
      </button>
      <details>
        <summary>New prompt</summary>
        <form onSubmit={withPrompt} className="stacked">
          <label className="sr-only" htmlFor={`prompt-${image.id}`}>
            Prompt for {what}
          </label>
          <textarea
            id={`prompt-${image.id}`}
            rows={4}
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
          />
          <button type="submit" disabled={regen.isPending || prompt.trim().length < 3}>
            Regenerate with this prompt
          </button>
        </form>
      </details>
      <ErrorNotice error={regen.error} />
    </div>
  );
}

/** The site's generated images, newest first, each with its article and a regenerate button. */
export function ImagesPage() {
  const { siteId, site } = useSite();
  const canEdit = useCan('editor');
  const [status, setStatus] = useState('');
  const [role, setRole] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...apiQuery<Page<GalleryImage>>(paths.images, { siteId, status, role, limit: PER_PAGE, offset }),
    enabled: Boolean(siteId),
    placeholderData: keepPreviousData,
  });
  return (
    <div>
      <PageHeader title="Images">
        {site ? `Featured and inline images of ${site.name}, newest first` : 'Add a site first.'}
      </PageHeader>
      <form className="filters" aria-label="Filter images" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter
          label="Status"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setOffset(0);
          }}
          options={[
            ['done', 'Done'],
            ['pending', 'Pending'],
            ['generating', 'Generating'],
            ['failed', 'Failed'],
          ]}
        />
        <SelectFilter
          label="Role"
          value={role}
          onChange={(v) => {
            setRole(v);
            setOffset(0);
          }}
          options={[
            ['featured', 'Featured'],
            ['inline', 'In the article'],
          ]}
        />
      </form>
      {siteId ? (
        <AsyncView state={list} what="The image gallery">
          {(page) =>
            page.count === 0 ? (
              <Empty>No images match: stages 5 and 6 of a run make them.</Empty>
            ) : (
              <div className="stack">
                <ul className="gallery" aria-label={`Images (${page.count})`}>
                  {page.results.map((img) => (
                    <li key={img.id}>
                      <ImageCard
                        image={img}
                        actions={
                          <>
                            <Link
                              className="small"
                              to={`/writer/content/${encodeURIComponent(img.contentId)}`}
                            >
                              {img.contentTitle ?? 'Open the article'}
                            </Link>
                            {canEdit ? <Regenerate image={img} /> : null}
                          </>
                        }
                      />
                    </li>
                  ))}
                </ul>
                <Pager
                  count={page.count}
                  offset={offset}
                  limit={PER_PAGE}
                  onChange={setOffset}
                  label="Image pages"
                />
              </div>
            )
          }
        </AsyncView>
      ) : null}
    </div>
  );
}
