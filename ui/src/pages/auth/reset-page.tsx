import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { toast } from '../../components/toast';
import { AuthLayout } from './auth-layout';

/** Two steps: ask for a code (delivered out of band: mail or the server log), then set a new password. */
export function ResetPage() {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const request = useMutation({
    mutationFn: (body: { email: string }) =>
      api<{ ok: true }>('/auth/password/reset', { method: 'POST', body, anonymous: true }),
  });
  const confirm = useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      api<{ ok: true }>('/auth/password/reset/confirm', { method: 'POST', body, anonymous: true }),
    onSuccess: () => {
      toast('Password changed; sign in with the new one');
      void navigate('/login', { replace: true });
    },
  });
  const confirmFields = confirm.error instanceof ApiError ? confirm.error.fieldErrors : {};

  const ask = (e: FormEvent) => {
    e.preventDefault();
    request.mutate({ email });
  };
  const finish = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate({ token: token.trim(), newPassword: password });
  };

  return (
    <AuthLayout title="Reset your password">
      <form onSubmit={ask} noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <ErrorNotice error={request.error} />
        <button type="submit" disabled={request.isPending}>
          Send reset code
        </button>
        {request.isSuccess ? (
          <p className="notice notice-info" role="status">
            If that email belongs to a user, a reset code is on its way (by mail, or in the server log on
            installs without mail).
          </p>
        ) : null}
      </form>
      <form onSubmit={finish} noValidate className="stacked">
        <TextField
          label="Reset code"
          autoComplete="one-time-code"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
          error={confirmFields.token}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={confirmFields.newPassword}
        />
        <ErrorNotice error={Object.keys(confirmFields).length ? null : confirm.error} />
        <button type="submit" className="primary" disabled={confirm.isPending}>
          Set new password
        </button>
      </form>
      <p className="auth-links">
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
