import { useState, type FormEvent } from 'react';
import { authStore } from '../../api/auth-store';
import { api, ApiError } from '../../api/client';
import type { AuthSession } from '../../api/types';
import { useMutation } from '../../api/use-api';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { Link, navigate, useLocation } from '../../router/router';
import { AuthLayout } from './auth-layout';

export function LoginPage() {
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation((body: { email: string; password: string }) =>
    api<AuthSession>('/auth/login', { method: 'POST', body, anonymous: true }),
  );
  const fields = login.error instanceof ApiError ? login.error.fieldErrors : {};

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const session = await login.run({ email, password });
    if (!session) return;
    authStore.signIn(session);
    const next = search.get('next');
    navigate(next?.startsWith('/') ? next : '/', { replace: true });
  };

  return (
    <AuthLayout title="Sign in">
      <form onSubmit={submit} noValidate>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fields.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <ErrorNotice error={Object.keys(fields).length ? null : login.error} />
        <button type="submit" className="primary" disabled={login.pending}>
          {login.pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-links">
        <Link to="/register">Create an account</Link> · <Link to="/reset">Forgot your password?</Link>
      </p>
    </AuthLayout>
  );
}
