import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { authStore } from '../../api/auth-store';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { AuthSession, InvitePreview } from '../../api/types';
import { ErrorNotice, Loading } from '../../components/feedback';
import { TextField } from '../../components/field';
import { AuthLayout } from './auth-layout';

/** The page an invite email links to: see the team and role, choose a password, join. */
export function AcceptInvitePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const preview = useQuery({
    queryKey: ['invite-preview', token],
    queryFn: () =>
      api<InvitePreview>(paths.invitePreview, { method: 'POST', body: { token }, anonymous: true }),
    enabled: token.length > 0,
    retry: false,
  });
  const accept = useMutation({
    mutationFn: () =>
      api<AuthSession>(paths.inviteAccept, {
        method: 'POST',
        body: { token, password, ...(name ? { name } : {}) },
        anonymous: true,
      }),
    onSuccess: (session) => authStore.signIn(session),
  });
  const fields = accept.error instanceof ApiError ? accept.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  if (!token)
    return (
      <AuthLayout title="Join a team">
        <p>This invite link is incomplete. Open the link from the invite email again.</p>
      </AuthLayout>
    );
  if (preview.isPending) return <Loading label="Opening the invite…" />;
  if (preview.error)
    return (
      <AuthLayout title="Join a team">
        <ErrorNotice error={preview.error} />
      </AuthLayout>
    );
  const inv = preview.data;
  return (
    <AuthLayout title={`Join ${inv.accountName}`}>
      <p>
        You are invited as <strong>{inv.role}</strong> with <strong>{inv.email}</strong>.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          label="Your name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name}
        />
        <TextField
          label="Choose a password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <ErrorNotice error={Object.keys(fields).length ? null : accept.error} />
        <button type="submit" className="primary" disabled={accept.isPending}>
          {accept.isPending ? 'Joining…' : 'Join the team'}
        </button>
      </form>
    </AuthLayout>
  );
}
