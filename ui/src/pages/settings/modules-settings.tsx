import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { ModuleState } from '../../api/types';
import { invalidate, useApi, useMutation } from '../../api/use-api';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { Card } from '../../components/page';

const ABOUT: Record<string, string> = {
  planner: 'Keyword import, clustering and ideas.',
  writer: 'Articles, review and editing.',
  images: 'Image prompts and generation.',
  automation: 'Pipeline runs.',
  publishing: 'WordPress, folders, webhooks and the calendar.',
  linker: 'Internal link suggestions.',
  optimizer: 'AI rewrites of existing articles.',
};

/** Turn modules on or off for the account; the API refuses a disabled module's routes. */
export function ModulesSettings() {
  const modules = useApi<ModuleState[]>(paths.modules);
  const canManage = useCan('admin');
  const change = useMutation((name: string, enabled: boolean) =>
    api<ModuleState[]>(paths.modules, {
      method: 'PATCH',
      body: enabled ? { enable: [name] } : { disable: [name] },
    }),
  );
  return (
    <Card title="Modules">
      <ErrorNotice error={change.error} />
      <AsyncView state={modules}>
        {(list) => (
          <ul className="plain-list toggles">
            {list.map((m) => (
              <li key={m.name}>
                <label className="check">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={m.enabled}
                    disabled={!canManage || change.pending}
                    onChange={async (e) => {
                      if (await change.run(m.name, e.target.checked)) invalidate(paths.modules);
                    }}
                  />{' '}
                  <strong>{m.name}</strong> <span className="muted small">{ABOUT[m.name] ?? ''}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </AsyncView>
    </Card>
  );
}
