import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { authStore } from '../../api/auth-store';
import { api, ApiError } from '../../api/client';
import type { AuthSession } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { AuthLayout } from './auth-layout';

/** Sign in; the route guard then goes on to `?next=` (or the dashboard). */
export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<AuthSession>('/auth/login', { method: 'POST', body, anonymous: true }),
    onSuccess: (session) => authStore.signIn(session),
  });
  const fields = login.error instanceof ApiError ? login.error.fieldErrors : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password });
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
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-links">
        <Link to="/register">Create an account</Link> · <Link to="/reset">Forgot your password?</Link>
      </p>
    </AuthLayout>
  );
}
