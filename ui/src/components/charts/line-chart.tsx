import {
  CartesianGrid,
  Line,
  LineChart as ReLineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame, formatNumber, TOOLTIP_STYLE, type ChartProps } from './chart-frame';

const HEIGHT = 200;

/** "2026-01-15" → "01-15"; other labels as they are. */
export const shortLabel = (label: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(5) : label;

/** A series over time (credits per day), with a tooltip per point. */
export function LineChart(props: ChartProps) {
  const { title, description, data, format = formatNumber, columns = ['Day', 'Value'] } = props;
  return (
    <ChartFrame title={title} data={data} format={format} columns={columns}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 560, height: HEIGHT }}>
        <ReLineChart
          data={data}
          role="img"
          title={title}
          desc={description}
          accessibilityLayer={false}
          margin={{ top: 12, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="label" tickFormatter={shortLabel} tickLine={false} minTickGap={18} />
          <YAxis allowDecimals={false} tickFormatter={format} tickLine={false} axisLine={false} width={48} />
          <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [format(Number(v)), columns[1]]} />
          <Line
            type="linear"
            dataKey="value"
            className="chart-line"
            stroke="var(--accent)"
            strokeWidth={2}
            dot={{ r: 2.5, className: 'chart-point' }}
            isAnimationActive={false}
          />
        </ReLineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
