import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { paths } from '../../api/endpoints';
import { useInvalidate } from '../../api/queries';
import type { Destination, WebhookDestinationResult } from '../../api/types';
import { ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { toast } from '../../components/toast';

/** A signed webhook; the server generates the signing secret when none is given and shows it once. */
export function AddWebhook({ siteId }: { siteId: string }) {
  const [f, setF] = useState({ name: '', url: '', secret: '' });
  const [shown, setShown] = useState<string | null>(null);
  const invalidate = useInvalidate();
  const add = useMutation({
    mutationFn: () =>
      api<WebhookDestinationResult>(paths.webhookDestination, {
        method: 'POST',
        body: {
          siteId,
          url: f.url.trim(),
          ...(f.name.trim() ? { name: f.name.trim() } : {}),
          ...(f.secret ? { secret: f.secret } : {}),
        },
      }),
    onSuccess: (r) => {
      // Only a generated secret is news to the user; theirs they already know.
      setShown(f.secret ? null : r.secret);
      toast('Webhook added');
      setF({ name: '', url: '', secret: '' });
      return invalidate(paths.destinations);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Add a webhook">
      <TextField
        label="Webhook URL"
        type="url"
        placeholder="https://hooks.example.com/igny8"
        value={f.url}
        onChange={(e) => setF({ ...f, url: e.target.value })}
        error={fields.url}
      />
      <TextField
        label="Name (optional)"
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
        error={fields.name}
      />
      <TextField
        label="Signing secret (optional)"
        type="password"
        autoComplete="off"
        value={f.secret}
        onChange={(e) => setF({ ...f, secret: e.target.value })}
        error={fields.secret}
        hint="16+ characters. Leave empty and one is generated and shown once."
      />
      <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
      {shown ? (
        <div className="notice notice-ok" role="status">
          Signing secret (copy it now; it is not shown again): <code className="secret">{shown}</code>
        </div>
      ) : null}
      <button type="submit" className="primary" disabled={add.isPending || !f.url}>
        {add.isPending ? 'Adding…' : 'Add webhook'}
      </button>
    </form>
  );
}

/** A folder of Markdown/HTML files, named relative to the server's export folder. */
export function AddFolder({ siteId }: { siteId: string }) {
  const [f, setF] = useState({ name: '', folder: '', format: 'md' });
  const invalidate = useInvalidate();
  const add = useMutation({
    mutationFn: () =>
      api<Destination>(paths.folderDestination, {
        method: 'POST',
        body: {
          siteId,
          folder: f.folder.trim(),
          format: f.format,
          ...(f.name.trim() ? { name: f.name.trim() } : {}),
        },
      }),
    onSuccess: () => {
      toast('Folder added');
      setF({ name: '', folder: '', format: 'md' });
      return invalidate(paths.destinations);
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Add a folder">
      <TextField
        label="Folder"
        placeholder="blog-export"
        value={f.folder}
        onChange={(e) => setF({ ...f, folder: e.target.value })}
        error={fields.folder}
        hint="A name inside the server's export folder; no absolute paths or “..”."
      />
      <TextField
        label="Name (optional)"
        value={f.name}
        onChange={(e) => setF({ ...f, name: e.target.value })}
        error={fields.name}
      />
      <SelectField
        label="Format"
        value={f.format}
        onChange={(e) => setF({ ...f, format: e.target.value })}
        options={[
          { value: 'md', label: 'Markdown' },
          { value: 'html', label: 'HTML' },
        ]}
        error={fields.format}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : add.error} />
      <button type="submit" className="primary" disabled={add.isPending || !f.folder}>
        {add.isPending ? 'Adding…' : 'Add folder'}
      </button>
    </form>
  );
}
