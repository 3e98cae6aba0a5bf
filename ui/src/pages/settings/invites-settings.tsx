import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Invite, InviteCreated, Page } from '../../api/types';
import { useCan, useSession } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card } from '../../components/page';

const RANK = { viewer: 0, editor: 1, admin: 2, owner: 3 } as const;
const INVITE_ROLES = ['viewer', 'editor', 'admin'] as const;

const DELIVERY: Record<InviteCreated['delivery'], string> = {
  email: 'The invite is on its way by email.',
  log: 'No mail server is set up: the invite link is in the server log (development mode).',
  none: 'No mail server is set up, so no email went out. Ask the server operator to set mail.smtpUrl, then invite again.',
};

function InviteForm() {
  const { user } = useSession();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('editor');
  const [done, setDone] = useState<string | null>(null);
  const invalidate = useInvalidate();
  // Never offer a role above your own: the server would refuse it anyway.
  const roles = INVITE_ROLES.filter((r) => user && RANK[r] <= RANK[user.role]);
  const send = useMutation({
    mutationFn: () => api<InviteCreated>(paths.invites, { method: 'POST', body: { email, role } }),
    onSuccess: (out) => {
      setDone(`Invited ${out.invite.email} as ${out.invite.role}. ${DELIVERY[out.delivery]}`);
      setEmail('');
      return invalidate(paths.invites);
    },
  });
  const fields = send.error instanceof ApiError ? send.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    send.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Invite someone" className="form-grid">
      <TextField
        label="Email"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={fields.email}
      />
      <SelectField
        label="Role"
        value={role}
        onChange={(e) => setRole(e.target.value)}
        options={roles.map((r) => ({ value: r, label: r }))}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : send.error} />
      {done ? (
        <p role="status" className="notice">
          {done}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={send.isPending || !email}>
          Send invite
        </button>
      </div>
    </form>
  );
}

function InviteRow({ inv }: { inv: Invite }) {
  const invalidate = useInvalidate();
  const revoke = useMutation({
    mutationFn: () => api<Invite>(paths.invite(inv.id), { method: 'DELETE' }),
    onSuccess: () => invalidate(paths.invites),
  });
  return (
    <tr>
      <td>
        {inv.email}
        <ErrorNotice error={revoke.error} />
      </td>
      <td>{inv.role}</td>
      <td>{inv.status}</td>
      <td className="muted small">{new Date(inv.expiresAt).toLocaleDateString()}</td>
      <td className="actions">
        {inv.status === 'pending' ? (
          <button
            type="button"
            className="danger"
            onClick={() => revoke.mutate()}
            disabled={revoke.isPending}
            aria-label={`Revoke the invite of ${inv.email}`}
          >
            Revoke
          </button>
        ) : null}
      </td>
    </tr>
  );
}

/** Email invitations: owners and admins invite people; everyone else is told who can. */
export function InvitesSettings() {
  const canManage = useCan('admin');
  const invites = useQuery({ ...apiQuery<Page<Invite>>(paths.invites, { limit: 200 }), enabled: canManage });
  if (!canManage)
    return (
      <Card title="Invites">
        <p className="muted">
          Only owners and admins can invite people. Ask one of them to invite whoever you need.
        </p>
      </Card>
    );
  return (
    <div className="grid">
      <Card title="Invite someone">
        <InviteForm />
      </Card>
      <Card title="Invites">
        <AsyncView state={invites}>
          {(page) =>
            page.results.length === 0 ? (
              <p className="muted">No invites yet.</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Invites of this account</caption>
                  <thead>
                    <tr>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Status</th>
                      <th scope="col">Expires</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((inv) => (
                      <InviteRow key={inv.id} inv={inv} />
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </AsyncView>
      </Card>
    </div>
  );
}
