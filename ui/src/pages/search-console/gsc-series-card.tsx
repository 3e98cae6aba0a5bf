import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../../api/queries';
import { LineChart } from '../../components/charts/line-chart';
import { AsyncView } from '../../components/feedback';
import { Card } from '../../components/page';
import { num } from '../../util/format';
import { gscPath, position, type GscSeries } from './gsc-paths';
import { PositionChart } from './position-chart';

/** Clicks and average position day by day for one page or one query, with the window's totals. */
export function GscSeriesCard({ siteId, page, query }: { siteId: string; page?: string; query?: string }) {
  const series = useQuery(apiQuery<GscSeries>(gscPath(siteId, '/series'), { page, query }));
  const name = page ?? query ?? '';
  return (
    <Card title={`${page ? 'Page' : 'Query'}: ${name}`} className="gsc-series">
      <AsyncView state={series} what="The chart">
        {(s) => (
          // Recharts leaves its hidden tooltip where the pointer last was: clipped here, so after a
          // resize to a phone it cannot widen the page.
          <div style={{ overflow: 'hidden' }}>
            <p className="muted" style={{ overflowWrap: 'anywhere' }}>
              {s.from} … {s.to}: {num(s.totals.clicks)} clicks, {num(s.totals.impressions)} impressions,
              average position {position(s.totals.position)}
            </p>
            <h3>Clicks</h3>
            <LineChart
              title={`Clicks per day — ${name}`}
              description="Clicks from Google search per day."
              columns={['Day', 'Clicks']}
              data={s.days.map((d) => ({ label: d.date, value: d.clicks }))}
            />
            <h3>Average position</h3>
            <PositionChart
              title={`Position per day — ${name}`}
              description="Average position per day, weighted by impressions (1 is the top)."
              data={s.days
                .filter((d) => d.position !== null)
                .map((d) => ({ label: d.date, value: d.position! }))}
            />
          </div>
        )}
      </AsyncView>
    </Card>
  );
}
