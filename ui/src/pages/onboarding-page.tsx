import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { paths } from '../api/endpoints';
import { useInvalidate } from '../api/queries';
import type { Sector, Site, WordPressReport } from '../api/types';
import { useSite } from '../app/site-context';
import { ErrorNotice } from '../components/feedback';
import { TextField } from '../components/field';
import { PageHeader } from '../components/page';
import { ImportPanel } from './planner/import-panel';
import { connectWordPress, WordPressFields, type WordPressForm } from './publishing/destinations';
import { TestResult } from './publishing/test-result';

const STEPS = ['Site', 'Sectors', 'WordPress', 'First keywords'] as const;

function SiteStep({ onNext }: { onNext: (site: Site) => void }) {
  const [form, setForm] = useState({ name: '', domain: '', industry: '' });
  const create = useMutation({
    mutationFn: () =>
      api<Site>(paths.sites, {
        method: 'POST',
        body: { name: form.name, domain: form.domain.trim() || null, industry: form.industry.trim() || null },
      }),
    onSuccess: onNext,
  });
  const fields = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label="Site name"
        required
        value={form.name}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
        error={fields.name}
      />
      <TextField
        label="Domain"
        placeholder="example.com"
        value={form.domain}
        onChange={(e) => setForm({ ...form, domain: e.target.value })}
        error={fields.domain}
      />
      <TextField
        label="Industry"
        placeholder="Coffee equipment"
        value={form.industry}
        onChange={(e) => setForm({ ...form, industry: e.target.value })}
        error={fields.industry}
      />
      <ErrorNotice error={Object.keys(fields).length ? null : create.error} />
      <button type="submit" className="primary" disabled={create.isPending || !form.name.trim()}>
        Create site
      </button>
    </form>
  );
}

function SectorsStep({ site, onNext }: { site: Site; onNext: () => void }) {
  const [text, setText] = useState('');
  const [added, setAdded] = useState<Sector[]>([]);
  const invalidate = useInvalidate();
  // One POST per name, in order; the first refusal stops the rest and is shown.
  const add = useMutation({
    mutationFn: async (names: string[]) => {
      const made: Sector[] = [];
      for (const name of names)
        made.push(await api<Sector>(paths.sectors(site.id), { method: 'POST', body: { name } }));
      return made;
    },
    onSuccess: (made) => {
      setAdded((prev) => [...prev, ...made]);
      setText('');
      return invalidate(paths.sectors(site.id), paths.sites);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">
        Sectors group keywords and articles inside a site (topics, product lines, regions).
      </p>
      <TextField
        label="Sector names"
        hint="Separate several with commas."
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="Espresso, Brewing guides"
      />
      <ErrorNotice error={add.error} />
      {added.length > 0 ? <p role="status">Added: {added.map((s) => s.name).join(', ')}</p> : null}
      <div className="actions">
        <button type="submit" disabled={add.isPending || !text.trim()}>
          Add sectors
        </button>
        <button type="button" className="primary" disabled={added.length === 0} onClick={onNext}>
          Continue
        </button>
      </div>
    </form>
  );
}

function WordPressStep({ site, onNext }: { site: Site; onNext: () => void }) {
  const [form, setForm] = useState<WordPressForm>({
    url: site.domain ? `https://${site.domain}` : '',
    user: '',
    appPassword: '',
  });
  const [report, setReport] = useState<WordPressReport | null>(null);
  const connect = useMutation({
    mutationFn: () => connectWordPress(site.id, form),
    onSuccess: (result) => setReport(result.report),
  });
  const fields = connect.error instanceof ApiError ? connect.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    connect.mutate();
  };
  const connected = Boolean(report?.ok);
  return (
    <form onSubmit={submit} noValidate>
      <p className="muted">
        Publish to WordPress with an application password. You can skip this and connect later under
        Publishing.
      </p>
      <WordPressFields f={form} set={setForm} errors={fields} />
      <ErrorNotice error={Object.keys(fields).length ? null : connect.error} />
      {report ? <TestResult report={report} /> : null}
      <div className="actions">
        <button type="submit" disabled={connect.isPending || !form.url || !form.user || !form.appPassword}>
          {connect.isPending ? 'Checking…' : 'Connect and check'}
        </button>
        <button type="button" className={connected ? 'primary' : ''} onClick={onNext}>
          {connected ? 'Continue' : 'Skip for now'}
        </button>
      </div>
    </form>
  );
}

/** First run: a site, its sectors, optionally WordPress, and the first keywords. */
export function OnboardingPage() {
  const { site: existing, setSiteId } = useSite();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [step, setStep] = useState(0);
  const [site, setSite] = useState<Site | null>(null);
  const current = site ?? existing;

  return (
    <div className="narrow">
      <PageHeader title="Set up igny8">Four short steps; you can change everything later.</PageHeader>
      <ol className="steps" aria-label="Setup steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : ''}>
            {s}
          </li>
        ))}
      </ol>
      <section className="card" aria-label={STEPS[step]}>
        <h2>
          Step {step + 1} of {STEPS.length}: {STEPS[step]}
        </h2>
        {step === 0 ? (
          <>
            {existing ? (
              <p className="muted">
                You already have <strong>{existing.name}</strong>.{' '}
                <button type="button" className="link-button" onClick={() => setStep(1)}>
                  Use it
                </button>{' '}
                or add another site below.
              </p>
            ) : null}
            <SiteStep
              onNext={(s) => {
                setSite(s);
                setSiteId(s.id);
                void invalidate(paths.sites);
                setStep(1);
              }}
            />
          </>
        ) : null}
        {step === 1 && current ? <SectorsStep site={current} onNext={() => setStep(2)} /> : null}
        {step === 2 && current ? <WordPressStep site={current} onNext={() => setStep(3)} /> : null}
        {step === 3 && current ? (
          <>
            <ImportPanel siteId={current.id} onDone={() => void navigate('/planner')} />
            <button type="button" className="link-button" onClick={() => void navigate('/')}>
              Skip and go to the dashboard
            </button>
          </>
        ) : null}
      </section>
    </div>
  );
}
