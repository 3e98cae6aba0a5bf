import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { paths } from '../api/endpoints';
import { apiQuery } from '../api/queries';
import type { Balance, LedgerEntry, Page, UsageRow, UsageSummaryRow } from '../api/types';
import { Badge } from '../components/badge';
import { BarChart } from '../components/charts/bar-chart';
import { LineChart } from '../components/charts/line-chart';
import { AsyncView, Empty } from '../components/feedback';
import { SelectField } from '../components/field';
import { Card, PageHeader } from '../components/page';
import { Pager } from '../components/pager';
import { dateTime, num, usd, utcDayKey } from '../util/format';

function BalanceCard() {
  const balance = useQuery({ ...apiQuery<Balance>(paths.balance), staleTime: 0 });
  return (
    <Card title="Balance">
      <AsyncView state={balance} what="Credits">
        {(b) => (
          <>
            <div className="stats">
              <div>
                <span className="big" data-testid="billing-available">
                  {num(b.available)}
                </span>
                <span className="muted small">available</span>
              </div>
              <div>
                <span className="big">{num(b.plan)}</span>
                <span className="muted small">plan pool (of {num(b.planAllowance)} this period)</span>
              </div>
              <div>
                <span className="big">{num(b.bonus)}</span>
                <span className="muted small">bonus pool (never expires)</span>
              </div>
              <div>
                <span className="big">{num(b.held)}</span>
                <span className="muted small">held by running work</span>
              </div>
            </div>
            <meter
              min={0}
              max={Math.max(1, b.planAllowance)}
              value={b.plan}
              low={b.planAllowance * 0.2}
              optimum={b.planAllowance}
              aria-label={`Plan credits left: ${b.plan} of ${b.planAllowance}`}
            />
            <p className="muted small">
              Plan credits are spent first. Period started {dateTime(b.periodStart)}.
            </p>
          </>
        )}
      </AsyncView>
    </Card>
  );
}

function UsageCharts() {
  const [since, setSince] = useState('30d');
  const summary = (by: 'operation' | 'model' | 'day') =>
    apiQuery<UsageSummaryRow[]>(paths.usageSummary, { by, since });
  const byOp = useQuery(summary('operation'));
  const byModel = useQuery(summary('model'));
  const byDay = useQuery(summary('day'));
  const days = Number(since.replace('d', ''));
  const start = Date.now() - (days - 1) * 86_400_000;
  const series = Array.from({ length: days }, (_, i) => {
    const key = utcDayKey(new Date(start + i * 86_400_000));
    return { label: key, value: byDay.data?.find((r) => r.key.slice(0, 10) === key)?.credits ?? 0 };
  });
  const bars = (rows: UsageSummaryRow[]) =>
    [...rows].sort((a, b) => b.credits - a.credits).map((r) => ({ label: r.key, value: r.credits }));
  const totalUsd = (byOp.data ?? []).reduce((a, r) => a + r.usd, 0);
  return (
    <Card
      title="Usage"
      actions={
        <SelectField
          label="Period"
          value={since}
          onChange={(e) => setSince(e.target.value)}
          options={[
            { value: '7d', label: 'Last 7 days' },
            { value: '30d', label: 'Last 30 days' },
            { value: '90d', label: 'Last 90 days' },
          ]}
        />
      }
    >
      <p className="muted">Provider cost in this period: {usd(totalUsd)}</p>
      <div className="grid two">
        <div>
          <h3>By operation</h3>
          <AsyncView state={byOp} what="Usage">
            {(rows) =>
              rows.length === 0 ? (
                <Empty>No usage yet.</Empty>
              ) : (
                <BarChart
                  title="Credits by operation"
                  description="Credits used per AI operation."
                  columns={['Operation', 'Credits']}
                  data={bars(rows)}
                />
              )
            }
          </AsyncView>
        </div>
        <div>
          <h3>By model</h3>
          <AsyncView state={byModel} what="Usage">
            {(rows) =>
              rows.length === 0 ? (
                <Empty>No usage yet.</Empty>
              ) : (
                <BarChart
                  title="Credits by model"
                  description="Credits used per AI model."
                  columns={['Model', 'Credits']}
                  data={bars(rows)}
                />
              )
            }
          </AsyncView>
        </div>
      </div>
      <h3>By day</h3>
      <LineChart
        title="Credits per day"
        description={`Credits used per day over the last ${days} days.`}
        columns={['Day', 'Credits']}
        data={series}
      />
    </Card>
  );
}

function Transactions() {
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...apiQuery<Page<LedgerEntry>>(paths.transactions, { kind, limit: 20, offset }),
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
  return (
    <Card
      title="Transactions"
      actions={
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setOffset(0);
          }}
          options={[
            { value: '', label: 'All' },
            ...['grant', 'charge', 'refund', 'adjust', 'expire', 'reset'].map((k) => ({
              value: k,
              label: k,
            })),
          ]}
        />
      }
    >
      <AsyncView state={list} what="Transactions">
        {(page) =>
          page.count === 0 ? (
            <Empty>No transactions.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table data-testid="transactions">
                  <caption className="sr-only">Credit ledger, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Description</th>
                      <th scope="col">Pool</th>
                      <th scope="col" className="num">
                        Amount
                      </th>
                      <th scope="col" className="num">
                        Balance after
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((t) => (
                      <tr key={t.id}>
                        <td>{dateTime(t.createdAt)}</td>
                        <td>
                          <Badge status={t.kind} />
                        </td>
                        <td>{t.description ?? t.opId}</td>
                        <td>{t.pool}</td>
                        <td className="num">{num(t.planDelta + t.bonusDelta)}</td>
                        <td className="num">{num(t.balanceAfter)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager
                count={page.count}
                offset={offset}
                limit={20}
                onChange={setOffset}
                label="Transaction pages"
              />
            </>
          )
        }
      </AsyncView>
    </Card>
  );
}

function UsageLog() {
  const [offset, setOffset] = useState(0);
  const list = useQuery({
    ...apiQuery<Page<UsageRow>>(paths.usage, { limit: 20, offset }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title="Usage log">
      <AsyncView state={list} what="The usage log">
        {(page) =>
          page.count === 0 ? (
            <Empty>No AI operations yet.</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">AI operations, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Operation</th>
                      <th scope="col">Model</th>
                      <th scope="col" className="num">
                        Tokens in/out
                      </th>
                      <th scope="col" className="num">
                        Images
                      </th>
                      <th scope="col" className="num">
                        Credits
                      </th>
                      <th scope="col" className="num">
                        USD
                      </th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.results.map((u) => (
                      <tr key={u.id}>
                        <td>{dateTime(u.createdAt)}</td>
                        <td>{u.operation}</td>
                        <td>
                          {u.provider}:{u.model}
                        </td>
                        <td className="num">
                          {num(u.tokensIn)} / {num(u.tokensOut)}
                        </td>
                        <td className="num">{num(u.images)}</td>
                        <td className="num">{num(u.credits)}</td>
                        <td className="num">{usd(u.usd)}</td>
                        <td>
                          <Badge status={u.status} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager count={page.count} offset={offset} limit={20} onChange={setOffset} label="Usage pages" />
            </>
          )
        }
      </AsyncView>
    </Card>
  );
}

/** Balance by pool, the ledger, and usage by operation, model and day. */
export function BillingPage() {
  return (
    <div>
      <PageHeader title="Billing">Credits, what spent them, and what they cost.</PageHeader>
      <div className="grid">
        <BalanceCard />
        <UsageCharts />
        <Transactions />
        <UsageLog />
      </div>
    </div>
  );
}
