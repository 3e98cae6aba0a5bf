import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { authStore } from '../../api/auth-store';
import { api, ApiError } from '../../api/client';
import type { AuthSession } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { TextField } from '../../components/field';
import { AuthLayout } from './auth-layout';

/** A new account and its owner; the route guard then opens onboarding. */
export function RegisterPage() {
  const [form, setForm] = useState({ name: '', email: '', password: '', accountName: '' });
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const register = useMutation({
    mutationFn: (body: typeof form & { timezone: string }) =>
      api<AuthSession>('/auth/register', { method: 'POST', body, anonymous: true }),
    onSuccess: (session) => authStore.signIn(session),
  });
  const fields = register.error instanceof ApiError ? register.error.fieldErrors : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    register.mutate({ ...form, name: form.name.trim(), timezone });
  };

  return (
    <AuthLayout title="Create your account">
      <form onSubmit={submit} noValidate>
        <TextField
          label="Your name"
          autoComplete="name"
          value={form.name}
          onChange={set('name')}
          error={fields.name}
        />
        <TextField
          label="Team or company"
          required
          value={form.accountName}
          onChange={set('accountName')}
          error={fields.accountName}
          hint="The account your sites, credits and team belong to."
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={set('email')}
          error={fields.email}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          value={form.password}
          onChange={set('password')}
          error={fields.password}
          hint="At least 8 characters."
        />
        <ErrorNotice error={Object.keys(fields).length ? null : register.error} />
        <button type="submit" className="primary" disabled={register.isPending}>
          {register.isPending ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="auth-links">
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
