import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useMutation } from '../../api/use-api';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { Link, navigate } from '../../router/router';
import { toast } from '../../components/toast';
import { AuthLayout } from './auth-layout';

/** Two steps: ask for a code (delivered out of band: mail or the server log), then set a new password. */
export function ResetPage() {
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const [password, setPassword] = useState('');
  const [asked, setAsked] = useState(false);
  const request = useMutation((body: { email: string }) =>
    api<{ ok: true }>('/auth/password/reset', { method: 'POST', body, anonymous: true }),
  );
  const confirm = useMutation((body: { token: string; newPassword: string }) =>
    api<{ ok: true }>('/auth/password/reset/confirm', { method: 'POST', body, anonymous: true }),
  );
  const confirmFields = confirm.error instanceof ApiError ? confirm.error.fieldErrors : {};

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (await request.run({ email })) setAsked(true);
  };
  const finish = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await confirm.run({ token: token.trim(), newPassword: password }))) return;
    toast('Password changed; sign in with the new one');
    navigate('/login', { replace: true });
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
        <button type="submit" disabled={request.pending}>
          Send reset code
        </button>
        {asked ? (
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
        <button type="submit" className="primary" disabled={confirm.pending}>
          Set new password
        </button>
      </form>
      <p className="auth-links">
        <Link to="/login">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
