import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { Page, Sector } from '../../api/types';
import { invalidate, useApi, useMutation } from '../../api/use-api';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { Card } from '../../components/page';
import { Link } from '../../router/router';

function Sectors({ siteId }: { siteId: string }) {
  const sectors = useApi<Page<Sector>>(paths.sectors(siteId));
  const [name, setName] = useState('');
  const canManage = useCan('admin');
  const add = useMutation(() => api<Sector>(paths.sectors(siteId), { method: 'POST', body: { name } }));
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await add.run())) return;
    setName('');
    invalidate(paths.sectors(siteId), paths.sites);
  };
  return (
    <>
      <AsyncView state={sectors}>
        {(p) => (
          <ul className="tags">
            {p.results.map((s) => (
              <li key={s.id}>{s.name}</li>
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
          <button type="submit" disabled={add.pending || !name.trim()}>
            Add sector
          </button>
          <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
        </form>
      ) : null}
    </>
  );
}

/** Sites of the account and the sectors of the current one. */
export function SitesSettings() {
  const { sites, site } = useSite();
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
        <Card title={`Sectors of ${site.name}`}>
          <Sectors siteId={site.id} />
        </Card>
      ) : null}
    </div>
  );
}
