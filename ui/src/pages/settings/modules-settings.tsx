import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { ModuleState } from '../../api/types';
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
  const modules = useQuery(apiQuery<ModuleState[]>(paths.modules));
  const canManage = useCan('admin');
  const invalidate = useInvalidate();
  const change = useMutation({
    mutationFn: ({ name, enabled }: { name: string; enabled: boolean }) =>
      api<ModuleState[]>(paths.modules, {
        method: 'PATCH',
        body: enabled ? { enable: [name] } : { disable: [name] },
      }),
    onSuccess: () => invalidate(paths.modules),
  });
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
                    disabled={!canManage || change.isPending}
                    onChange={(e) => change.mutate({ name: m.name, enabled: e.target.checked })}
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
