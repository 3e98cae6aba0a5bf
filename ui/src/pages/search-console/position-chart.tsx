import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, TOOLTIP_STYLE, type Datum } from '../../components/charts/chart-frame';
import { shortLabel } from '../../components/charts/line-chart';

const HEIGHT = 200;
const fmt = (n: number) => n.toFixed(1);

/** Average position per day, the axis upside down: 1 (the top of Google) is at the top. */
export function PositionChart({
  title,
  description,
  data,
}: {
  title: string;
  description: string;
  data: Datum[];
}) {
  // From one place above the best day to one below the worst, never above position 1.
  const values = data.map((d) => d.value);
  const domain: [number, number] = values.length
    ? [Math.max(1, Math.floor(Math.min(...values)) - 1), Math.ceil(Math.max(...values)) + 1]
    : [1, 10];
  return (
    <ChartFrame title={title} data={data} format={fmt} columns={['Day', 'Position']}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 560, height: HEIGHT }}>
        <LineChart
          data={data}
          role="img"
          title={title}
          desc={description}
          accessibilityLayer={false}
          margin={{ top: 12, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="label" tickFormatter={shortLabel} tickLine={false} minTickGap={18} />
          <YAxis
            reversed
            domain={domain}
            allowDataOverflow
            tickFormatter={fmt}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [fmt(Number(v)), 'Position']} />
          <Line
            type="linear"
            dataKey="value"
            className="chart-line"
            stroke="var(--accent)"
            strokeWidth={2}
            dot={{ r: 2.5, className: 'chart-point' }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
