import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page, User } from '../../api/types';
import { useCan, useSession } from '../../app/use-session';
import { Badge } from '../../components/badge';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';

export const ROLE_OPTIONS = ['viewer', 'editor', 'admin', 'owner'].map((r) => ({ value: r, label: r }));

function AddUser() {
  const [f, setF] = useState({ email: '', name: '', role: 'editor', password: '' });
  const invalidate = useInvalidate();
  const add = useMutation({
    mutationFn: () =>
      api<User>(paths.users, {
        method: 'POST',
        body: { ...f, password: f.password || undefined, name: f.name || undefined },
      }),
    onSuccess: () => {
      toast(`Added ${f.email}`);
      setF({ email: '', name: '', role: 'editor', password: '' });
      return invalidate(paths.users, paths.account);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Add a user" className="form-grid">
      <TextField
        label="Email"
        type="email"
        value={f.email}
        onChange={(e) => setF({ ...f, email: e.target.value })}
        error={fields.email}
      />
      <TextField
        label="Name"
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
        error={fields.name}
      />
      <SelectField
        label="Role"
        value={f.role}
        onChange={(e) => setF({ ...f, role: e.target.value })}
        options={ROLE_OPTIONS}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={f.password}
        onChange={(e) => setF({ ...f, password: e.target.value })}
        error={fields.password}
        hint="Leave empty: they set one with a password reset."
      />
      <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={add.isPending || !f.email}>
          Add user
        </button>
      </div>
    </form>
  );
}

type UserOp = 'role' | 'disable' | 'enable' | 'remove';

function UserRow({ u, canManage }: { u: User; canManage: boolean }) {
  const { user: me } = useSession();
  const invalidate = useInvalidate();
  const act = useMutation({
    mutationFn: ({ op, role }: { op: UserOp; role?: string }) => {
      if (op === 'role') return api<User>(`${paths.user(u.id)}/role`, { method: 'PUT', body: { role } });
      if (op === 'remove') return api(paths.user(u.id), { method: 'DELETE' });
      return api<User>(`${paths.user(u.id)}/${op}`, { method: 'POST' });
    },
    onSuccess: () => invalidate(paths.users, paths.account),
  });
  const run = (op: UserOp, role?: string) => {
    if (op === 'remove' && !window.confirm(`Remove ${u.email}?`)) return;
    act.mutate({ op, role });
  };
  const self = me?.id === u.id;
  return (
    <tr>
      <td>
        {u.name || '—'}
        <div className="muted small">{u.email}</div>
        <ErrorNotice error={act.error} />
      </td>
      <td>
        {canManage && !self ? (
          <select
            value={u.role}
            aria-label={`Role of ${u.email}`}
            onChange={(e) => run('role', e.target.value)}
            disabled={act.isPending}
          >
            {ROLE_OPTIONS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        ) : (
          u.role
        )}
      </td>
      <td>
        <Badge status={u.status} />
      </td>
      <td className="actions">
        {canManage && !self ? (
          <>
            <button
              type="button"
              onClick={() => run(u.status === 'active' ? 'disable' : 'enable')}
              disabled={act.isPending}
            >
              {u.status === 'active' ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => run('remove')}
              disabled={act.isPending}
              aria-label={`Remove ${u.email}`}
            >
              Remove
            </button>
          </>
        ) : self ? (
          <span className="muted small">you</span>
        ) : null}
      </td>
    </tr>
  );
}

export function TeamSettings() {
  const users = useQuery(apiQuery<Page<User>>(paths.users, { limit: 200 }));
  const canManage = useCan('admin');
  return (
    <div className="grid">
      <Card title="Team">
        <AsyncView state={users}>
          {(page) => (
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Users of this account</caption>
                <thead>
                  <tr>
                    <th scope="col">User</th>
                    <th scope="col">Role</th>
                    <th scope="col">Status</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {page.results.map((u) => (
                    <UserRow key={u.id} u={u} canManage={canManage} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </AsyncView>
        <p className="muted small">
          Roles: viewers read; editors run and review; admins also manage users, keys and settings; owners
          also billing.
        </p>
      </Card>
      {canManage ? (
        <Card title="Add a user">
          <AddUser />
        </Card>
      ) : null}
    </div>
  );
}
