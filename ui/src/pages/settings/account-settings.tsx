import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { AccountDetails } from '../../api/types';
import { useCan, useSession } from '../../app/use-session';
import { ChangedElsewhere } from '../../components/changed-elsewhere';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { Card } from '../../components/page';
import { toast } from '../../components/toast';
import { useServerDraft } from '../../components/use-server-draft';
import { num } from '../../util/format';

type AccountDraft = { name: string; timezone: string };
const LABELS: Record<keyof AccountDraft, string> = { name: 'account name', timezone: 'timezone' };

function AccountForm({ account }: { account: AccountDetails }) {
  const form = useServerDraft<AccountDraft>({ name: account.name, timezone: account.timezone });
  const { name, timezone } = form.draft;
  const canManage = useCan('admin');
  const invalidate = useInvalidate();
  const save = useMutation({
    // Only what the person changed (both when nothing did), so a teammate's other change stays.
    mutationFn: (sent: Partial<AccountDraft>) =>
      api<AccountDraft>(paths.account, { method: 'PATCH', body: sent }),
    onSuccess: (saved, sent) => {
      form.saved({ name: saved.name, timezone: saved.timezone }, undefined, sent);
      toast('Account saved');
      // Not awaited: the form has the saved values, so Save need not wait for the refetch.
      void invalidate(paths.account);
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const edited = form.edited.length ? form.edited : (['name', 'timezone'] as const);
    save.mutate(Object.fromEntries(edited.map((k) => [k, form.draft[k]])));
  };
  const limit = (u: { used: number; limit: number | null }) =>
    `${num(u.used)} of ${u.limit === null ? 'unlimited' : num(u.limit)}`;
  return (
    <form onSubmit={submit}>
      <TextField
        label="Account name"
        value={name}
        onChange={(e) => form.update({ name: e.target.value })}
        error={fields.name}
        readOnly={!canManage}
      />
      <TextField
        label="Timezone"
        value={timezone}
        onChange={(e) => form.update({ timezone: e.target.value })}
        error={fields.timezone}
        hint="IANA name, e.g. Europe/Berlin."
        readOnly={!canManage}
      />
      <p className="muted">
        Plan <strong>{account.plan.name}</strong>: {num(account.plan.includedCredits)} credits per period ·
        sites {limit(account.usage.sites)} · users {limit(account.usage.users)} · keywords{' '}
        {limit(account.usage.keywords)}
      </p>
      <ChangedElsewhere
        fields={form.conflicts.map((k) => LABELS[k])}
        onLoadTheirs={() => form.discard()}
        onKeepMine={() => form.keepMine()}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : save.error} />
      {canManage ? (
        <button type="submit" className="primary" disabled={save.isPending}>
          Save
        </button>
      ) : null}
    </form>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api('/auth/password/change', {
        method: 'POST',
        body: { currentPassword: current, newPassword: next },
      }),
    onSuccess: () => {
      toast('Password changed; other sessions were signed out');
      setCurrent('');
      setNext('');
    },
  });
  const fields = change.error instanceof ApiError ? change.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={submit}>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={fields.newPassword}
        hint="At least 8 characters."
      />
      <ErrorNotice error={Object.keys(fields).length ? null : change.error} />
      <button type="submit" disabled={change.isPending || !current || !next}>
        Change password
      </button>
    </form>
  );
}

export function AccountSettings() {
  const account = useQuery(apiQuery<AccountDetails>(paths.account));
  const { user } = useSession();
  return (
    <div className="grid two">
      <Card title="Account">
        <AsyncView state={account}>{(a) => <AccountForm account={a} />}</AsyncView>
      </Card>
      <Card title={`Your password (${user?.email ?? ''})`}>
        <PasswordForm />
      </Card>
    </div>
  );
}
