import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { apiQuery, useInvalidate } from '../../api/queries';
import type { Page, Run, RunEstimate } from '../../api/types';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { AsyncView, ErrorNotice } from '../../components/feedback';
import { SelectField, TextField } from '../../components/field';
import { Card, PageHeader } from '../../components/page';
import { toast } from '../../components/toast';
import { CompareProfiles } from './compare-profiles';
import { EstimateTable } from './estimate-table';
import { RunHistory } from './run-history';
import { ACTIVE_RUN, STAGES } from './stages';

interface Options {
  stages: number[];
  clusterMethod: 'local' | 'ai';
  maxItemsPerStage: string;
  maxCredits: string;
  ideasPerCluster: string;
  maxImages: string;
  autoApprove: boolean;
  minSeoScore: string;
}

const DEFAULTS: Options = {
  stages: [1, 2, 3, 4, 5, 6, 7],
  clusterMethod: 'local',
  maxItemsPerStage: '',
  maxCredits: '',
  ideasPerCluster: '3',
  maxImages: '2',
  autoApprove: false,
  minSeoScore: '70',
};

/** Form strings → the run options the API validates (blank means "use the default"). */
export function toRunOptions(o: Options): Record<string, unknown> {
  const int = (s: string) => (s.trim() === '' ? undefined : Number(s));
  return {
    stages: o.stages,
    clusterMethod: o.clusterMethod,
    maxItemsPerStage: int(o.maxItemsPerStage),
    maxCredits: int(o.maxCredits),
    ideasPerCluster: int(o.ideasPerCluster),
    maxImages: int(o.maxImages),
    autoApprove: o.autoApprove,
    minSeoScore: int(o.minSeoScore),
  };
}

function RunForm({ siteId, disabled }: { siteId: string; disabled: boolean }) {
  const [o, setO] = useState<Options>(DEFAULTS);
  const [est, setEst] = useState<RunEstimate | null>(null);
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const estimate = useMutation({
    mutationFn: () =>
      api<RunEstimate>(paths.estimate, { method: 'POST', body: { siteId, options: toRunOptions(o) } }),
    onSuccess: setEst,
  });
  const start = useMutation({
    mutationFn: () => api<Run>(paths.runs, { method: 'POST', body: { siteId, options: toRunOptions(o) } }),
    onSuccess: async (run) => {
      toast('Run started');
      await navigate(`/automation/runs/${encodeURIComponent(run.id)}`);
      return invalidate(paths.runs);
    },
  });
  const set = <K extends keyof Options>(k: K, v: Options[K]) => {
    setO({ ...o, [k]: v });
    setEst(null);
  };
  const toggleStage = (n: number) =>
    set('stages', o.stages.includes(n) ? o.stages.filter((s) => s !== n) : [...o.stages, n].sort());

  const doEstimate = (e: FormEvent) => {
    e.preventDefault();
    estimate.mutate();
  };

  return (
    <form onSubmit={doEstimate}>
      <fieldset className="checks">
        <legend>Stages</legend>
        {STAGES.map((s) => (
          <label key={s.n}>
            <input type="checkbox" checked={o.stages.includes(s.n)} onChange={() => toggleStage(s.n)} /> {s.n}
            . {s.label}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <SelectField
          label="Clustering"
          value={o.clusterMethod}
          onChange={(e) => set('clusterMethod', e.target.value as Options['clusterMethod'])}
          options={[
            { value: 'local', label: 'Local (free, deterministic)' },
            { value: 'ai', label: 'AI (uses credits)' },
          ]}
        />
        <TextField
          label="Max items per stage"
          type="number"
          min={1}
          value={o.maxItemsPerStage}
          onChange={(e) => set('maxItemsPerStage', e.target.value)}
          hint="Blank: no cap."
        />
        <TextField
          label="Credit cap for this run"
          type="number"
          min={1}
          value={o.maxCredits}
          onChange={(e) => set('maxCredits', e.target.value)}
          hint="Blank: no cap."
        />
        <TextField
          label="Ideas per cluster"
          type="number"
          min={3}
          max={7}
          value={o.ideasPerCluster}
          onChange={(e) => set('ideasPerCluster', e.target.value)}
        />
        <TextField
          label="Inline images per article"
          type="number"
          min={0}
          max={8}
          value={o.maxImages}
          onChange={(e) => set('maxImages', e.target.value)}
        />
        <TextField
          label="Minimum SEO score to auto-approve"
          type="number"
          min={0}
          max={100}
          value={o.minSeoScore}
          onChange={(e) => set('minSeoScore', e.target.value)}
        />
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={o.autoApprove}
          onChange={(e) => set('autoApprove', e.target.checked)}
        />{' '}
        Auto-approve articles at or above the minimum score (default: review first)
      </label>
      <ErrorNotice error={estimate.error ?? start.error} />
      <div className="actions">
        <button type="submit" disabled={estimate.isPending || o.stages.length === 0}>
          {estimate.isPending ? 'Estimating…' : 'Estimate'}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => start.mutate()}
          disabled={disabled || !est || !est.enough || start.isPending}
        >
          {start.isPending ? 'Starting…' : 'Start run'}
        </button>
      </div>
      {disabled ? <p className="muted small">A run is already active on this site.</p> : null}
      {est ? <EstimateTable est={est} /> : null}
    </form>
  );
}

export function AutomationPage() {
  const { siteId, site } = useSite();
  const canRun = useCan('editor');
  const runs = useQuery({
    ...apiQuery<Page<Run>>(paths.runs, { siteId, page_size: 20 }),
    enabled: Boolean(siteId),
    refetchInterval: 10_000,
  });
  const active = runs.data?.results.find((r) => ACTIVE_RUN.has(r.status));
  if (!siteId) return <PageHeader title="Automation">Add a site first.</PageHeader>;
  return (
    <div>
      <PageHeader title="Automation" actions={<Link to="/automation/schedules">Schedules</Link>}>
        Run the seven stages for {site?.name}: estimate first, then start.
      </PageHeader>
      {active ? (
        <div className="notice notice-info" role="status">
          A run is {active.status}.{' '}
          <Link to={`/automation/runs/${encodeURIComponent(active.id)}`}>Follow its progress</Link>
        </div>
      ) : null}
      <div className="grid two">
        {canRun ? (
          <Card title="New run">
            <RunForm siteId={siteId} disabled={Boolean(active)} />
          </Card>
        ) : null}
        <Card title="History">
          <AsyncView state={runs} what="Automation">
            {(page) => <RunHistory runs={page.results} />}
          </AsyncView>
        </Card>
      </div>
      {canRun ? (
        <Card title="Compare cost profiles">
          <CompareProfiles siteId={siteId} />
        </Card>
      ) : null}
    </div>
  );
}
