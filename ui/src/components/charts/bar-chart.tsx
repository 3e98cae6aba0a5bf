import { Bar, BarChart as ReBarChart, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, formatNumber, TOOLTIP_STYLE, type ChartProps } from './chart-frame';

const ROW = 28;
const MAX_LABEL = 22;

const clip = (label: string) => (label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label);

/** Horizontal bars with their values: long labels (operations, model names) stay readable on a phone. */
export function BarChart(props: ChartProps) {
  const { title, description, data, format = formatNumber, columns = ['Label', 'Value'] } = props;
  const height = Math.max(1, data.length) * ROW + 8;
  return (
    <ChartFrame title={title} data={data} format={format} columns={columns}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 560, height }}>
        <ReBarChart
          data={data}
          layout="vertical"
          role="img"
          title={title}
          desc={description}
          accessibilityLayer={false}
          margin={{ top: 4, right: 56, bottom: 4, left: 0 }}
        >
          <XAxis type="number" hide domain={[0, 'dataMax']} />
          <YAxis
            type="category"
            dataKey="label"
            width="auto"
            interval={0}
            tickFormatter={clip}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip {...TOOLTIP_STYLE} formatter={(v) => [format(Number(v)), columns[1]]} />
          <Bar
            dataKey="value"
            className="chart-bar"
            fill="var(--accent)"
            barSize={ROW - 10}
            radius={3}
            isAnimationActive={false}
          >
            <LabelList dataKey="value" position="right" formatter={(v) => format(Number(v))} />
          </Bar>
        </ReBarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
