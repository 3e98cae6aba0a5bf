import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page, Sector } from '../../api/types';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { Card } from '../../components/page';
import { LanguageForm } from './language-settings';
import { VoiceSettings } from './voice-settings';

function Sectors({ siteId, siteLanguage }: { siteId: string; siteLanguage: string }) {
  const sectors = useQuery(apiQuery<Page<Sector>>(paths.sectors(siteId)));
  const [name, setName] = useState('');
  const canManage = useCan('admin');
  const invalidate = useInvalidate();
  const add = useMutation({
    mutationFn: () => api<Sector>(paths.sectors(siteId), { method: 'POST', body: { name } }),
    onSuccess: () => {
      setName('');
      return invalidate(paths.sectors(siteId), paths.sites);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <>
      <AsyncView state={sectors}>
        {(p) => (
          <ul className="plain-list" aria-label="Sectors">
            {p.results.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong>
                <LanguageForm
                  label={s.name}
                  current={s.language}
                  inherited={siteLanguage}
                  path={paths.sector(siteId, s.id)}
                  invalidates={[paths.sectors(siteId)]}
                  canEdit={canManage}
                />
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
      {canManage ? (
        <form onSubmit={submit} className="inline-form">
          <TextField
            label="New sector"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fields.name}
          />
          <button type="submit" disabled={add.isPending || !name.trim()}>
            Add sector
          </button>
          <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
        </form>
      ) : null}
    </>
  );
}

/** Sites of the account; the current one's language, sectors (each with its language) and voice guide. */
export function SitesSettings() {
  const { sites, site } = useSite();
  const canManage = useCan('admin');
  return (
    <div className="grid two">
      <Card title="Sites" actions={<Link to="/onboarding">Add a site</Link>}>
        <ul className="plain-list">
          {(sites ?? []).map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong>{' '}
              <span className="muted small">
                {s.domain ?? ''} · {s.sectorCount} sectors
              </span>
            </li>
          ))}
        </ul>
      </Card>
      {site ? (
        <>
          <Card title={`Language of ${site.name}`}>
            <LanguageForm
              label={site.name}
              current={site.language}
              path={paths.site(site.id)}
              invalidates={[paths.sites]}
              canEdit={canManage}
            />
          </Card>
          <Card title={`Sectors of ${site.name}`}>
            <Sectors siteId={site.id} siteLanguage={site.language} />
          </Card>
          <Card title={`Voice of ${site.name}`} className="span-all">
            <VoiceSettings key={site.id} siteId={site.id} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
