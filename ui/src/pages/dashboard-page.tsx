import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { paths } from '../api/endpoints';
import { apiQuery } from '../api/queries';
import type { Balance, Content, Notification, Page, Run, UsageSummaryRow } from '../api/types';
import { useSite } from '../app/site-context';
import { useModules } from '../app/use-modules';
import { Badge } from '../components/badge';
import { ColumnChart } from '../components/charts/column-chart';
import { LineChart } from '../components/charts/line-chart';
import { AsyncView, Empty } from '../components/feedback';
import { Card, PageHeader } from '../components/page';
import { dayKey, num, timeAgo, utcDayKey } from '../util/format';
import { RunProgressSummary } from './automation/run-summary';

/** The count of a list route with filters (page_size 1: only `count` is read); null path skips it. */
function useCount(path: string | null, query: Record<string, string> = {}) {
  const r = useQuery({
    ...apiQuery<Page<unknown>>(path ?? '', { ...query, page_size: 1 }),
    enabled: path !== null,
    staleTime: 15_000,
  });
  return r.data?.count;
}

function PipelineCounts({ siteId }: { siteId: string }) {
  const on = useModules();
  const q = { siteId };
  const planner = on('planner');
  const writer = on('writer');
  const stages = [
    {
      label: 'New keywords',
      value: useCount(planner ? paths.keywords : null, { ...q, status: 'new' }),
      to: '/planner',
    },
    {
      label: 'Clusters to plan',
      value: useCount(planner ? paths.clusters : null, { ...q, status: 'new' }),
      to: '/planner/clusters',
    },
    {
      label: 'Ideas',
      value: useCount(planner ? paths.ideas : null, { ...q, status: 'new' }),
      to: '/planner/ideas',
    },
    {
      label: 'Queued tasks',
      value: useCount(writer ? paths.tasks : null, { ...q, status: 'queued' }),
      to: '/writer/tasks',
    },
    {
      label: 'Drafts',
      value: useCount(writer ? paths.contents : null, { ...q, status: 'draft' }),
      to: '/writer?status=draft',
    },
    {
      label: 'In review',
      value: useCount(writer ? paths.contents : null, { ...q, status: 'review' }),
      to: '/writer?status=review',
    },
    {
      label: 'Approved',
      value: useCount(writer ? paths.contents : null, { ...q, status: 'approved' }),
      to: '/writer?status=approved',
    },
  ];
  return (
    <Card title="Pipeline" className="span-all">
      <ol className="pipeline" aria-label="Items waiting at each stage">
        {stages.map((s) => (
          <li key={s.label}>
            <Link to={s.to}>
              <span className="big">{s.value === undefined ? '—' : num(s.value)}</span>
              <span className="muted small">{s.label}</span>
            </Link>
          </li>
        ))}
      </ol>
    </Card>
  );
}

function CreditsWidget() {
  const balance = useQuery({ ...apiQuery<Balance>(paths.balance), staleTime: 5_000 });
  const since = new Date(Date.now() - 29 * 86_400_000);
  const byDay = useQuery(apiQuery<UsageSummaryRow[]>(paths.usageSummary, { by: 'day', since: '30d' }));
  const series = Array.from({ length: 30 }, (_, i) => {
    const key = utcDayKey(new Date(since.getTime() + i * 86_400_000));
    return { label: key, value: byDay.data?.find((r) => r.key.slice(0, 10) === key)?.credits ?? 0 };
  });
  const last7 = series.slice(-7).reduce((a, d) => a + d.value, 0) / 7;
  return (
    <Card title="Credits" actions={<Link to="/billing">Billing</Link>}>
      <AsyncView state={balance} what="Credits">
        {(b) => (
          <div className="stats">
            <div>
              <span className="big" data-testid="credits-available">
                {num(b.available)}
              </span>
              <span className="muted small">available</span>
            </div>
            <div>
              <span className="big">{num(Math.round(last7 * 10) / 10)}</span>
              <span className="muted small">burn per day (7-day average)</span>
            </div>
            <div>
              <span className="big">{last7 > 0 ? num(Math.floor(b.available / last7)) : '∞'}</span>
              <span className="muted small">days left at that rate</span>
            </div>
          </div>
        )}
      </AsyncView>
      <LineChart
        title="Credits used per day"
        description="Credits charged per day over the last 30 days."
        columns={['Day', 'Credits']}
        data={series}
      />
    </Card>
  );
}

function VelocityWidget({ siteId }: { siteId: string }) {
  const list = useQuery(apiQuery<Page<Content>>(paths.contents, { siteId, limit: 500 }));
  const days = 14;
  const start = new Date(Date.now() - (days - 1) * 86_400_000);
  const data = Array.from({ length: days }, (_, i) => {
    const key = dayKey(new Date(start.getTime() + i * 86_400_000));
    const n = (list.data?.results ?? []).filter((c) => dayKey(new Date(c.createdAt)) === key).length;
    return { label: key.slice(5), value: n };
  });
  return (
    <Card title="Content velocity">
      <AsyncView state={list} what="Content">
        {() => (
          <ColumnChart
            title="Articles written per day"
            description="Articles created per day over the last 14 days."
            columns={['Day', 'Articles']}
            data={data}
          />
        )}
      </AsyncView>
    </Card>
  );
}

function AutomationWidget({ siteId }: { siteId: string }) {
  const runs = useQuery({
    ...apiQuery<Page<Run>>(paths.runs, { siteId, page_size: 1 }),
    refetchInterval: 15_000,
  });
  return (
    <Card title="Automation" actions={<Link to="/automation">Open</Link>}>
      <AsyncView state={runs} what="Automation">
        {(page) => {
          const run = page.results[0];
          if (!run) return <Empty>No runs yet. Start one from Automation.</Empty>;
          return (
            <div>
              <p>
                <Link to={`/automation/runs/${encodeURIComponent(run.id)}`}>Last run</Link>{' '}
                <Badge status={run.status} /> {timeAgo(run.createdAt)} · {num(run.creditsUsed)} credits
              </p>
              <RunProgressSummary run={run} compact />
            </div>
          );
        }}
      </AsyncView>
    </Card>
  );
}

interface Activity {
  key: string;
  at: string;
  status: string;
  text: string;
  to?: string;
}

/** Notifications, runs and article changes, newest first. */
function ActivityWidget({ siteId }: { siteId: string }) {
  const on = useModules();
  const notes = useQuery(apiQuery<Page<Notification>>(paths.notifications, { page_size: 8 }));
  const runs = useQuery({
    ...apiQuery<Page<Run>>(paths.runs, { siteId, page_size: 5 }),
    enabled: Boolean(siteId) && on('automation'),
  });
  const content = useQuery({
    ...apiQuery<Page<Content>>(paths.contents, { siteId, page_size: 5 }),
    enabled: Boolean(siteId) && on('writer'),
  });
  const items: Activity[] = [
    ...(notes.data?.results ?? []).map((n) => ({
      key: `n-${n.id}`,
      at: n.createdAt,
      status: n.level,
      text: n.title,
    })),
    ...(runs.data?.results ?? []).map((r) => ({
      key: `r-${r.id}`,
      at: r.finishedAt ?? r.startedAt ?? r.createdAt,
      status: r.status,
      text: `Pipeline run · ${num(r.creditsUsed)} credits`,
      to: `/automation/runs/${encodeURIComponent(r.id)}`,
    })),
    ...(content.data?.results ?? []).map((c) => ({
      key: `c-${c.id}`,
      at: c.updatedAt,
      status: c.status,
      text: c.title,
      to: `/writer/content/${encodeURIComponent(c.id)}`,
    })),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 8);
  return (
    <Card title="Recent activity">
      {items.length === 0 ? (
        <Empty>Nothing has happened yet.</Empty>
      ) : (
        <ul className="plain-list activity">
          {items.map((a) => (
            <li key={a.key} className="row">
              <Badge status={a.status} />
              <span className="grow">{a.to ? <Link to={a.to}>{a.text}</Link> : a.text}</span>
              <span className="muted small">{timeAgo(a.at)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function DashboardPage() {
  const { site, siteId, sites } = useSite();
  const on = useModules();
  return (
    <div>
      <PageHeader title="Dashboard">{site ? `Site: ${site.name}` : 'No site yet'}</PageHeader>
      {sites && sites.length === 0 ? (
        <div className="notice notice-info">
          Start by <Link to="/onboarding">setting up your first site</Link>.
        </div>
      ) : null}
      <div className="grid two">
        {siteId ? <PipelineCounts siteId={siteId} /> : null}
        <CreditsWidget />
        {siteId && on('automation') ? <AutomationWidget siteId={siteId} /> : null}
        {siteId && on('writer') ? <VelocityWidget siteId={siteId} /> : null}
        <ActivityWidget siteId={siteId} />
      </div>
    </div>
  );
}
