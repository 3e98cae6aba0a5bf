import {
  Bar,
  BarChart as ReBarChart,
  CartesianGrid,
  LabelList,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame, formatNumber, TOOLTIP_STYLE, type ChartProps } from './chart-frame';

const HEIGHT = 180;

/** Vertical bars for counts over time (articles per day), each with its value on top. */
export function ColumnChart(props: ChartProps) {
  const { title, description, data, format = formatNumber, columns = ['Day', 'Value'] } = props;
  return (
    <ChartFrame title={title} data={data} format={format} columns={columns}>
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 560, height: HEIGHT }}>
        <ReBarChart
          data={data}
          role="img"
          title={title}
          desc={description}
          accessibilityLayer={false}
          margin={{ top: 20, right: 8, bottom: 0, left: 8 }}
        >
          <CartesianGrid vertical={false} />
          <XAxis dataKey="label" tickLine={false} minTickGap={12} />
          <YAxis hide allowDecimals={false} />
          <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [format(Number(v)), columns[1]]} />
          <Bar
            dataKey="value"
            className="chart-bar"
            fill="var(--accent)"
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          >
            <LabelList
              dataKey="value"
              position="top"
              formatter={(v) => (Number(v) > 0 ? format(Number(v)) : '')}
            />
          </Bar>
        </ReBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
