import { useId } from 'react';
import { useWidth } from './use-width';

export interface Datum {
  label: string;
  value: number;
}

interface Props {
  title: string;
  /** What the chart shows, for screen readers (the numbers are in the bar titles too). */
  description: string;
  data: Datum[];
  format?: (n: number) => string;
}

const ROW = 26;

/** Horizontal bars: long labels (operations, model names) stay readable on a phone. */
export function BarChart({ title, description, data, format = (n) => n.toLocaleString() }: Props) {
  const id = useId();
  const [ref, WIDTH] = useWidth<HTMLElement>(560);
  const LABEL_W = Math.min(170, Math.round(WIDTH * 0.38));
  const max = Math.max(1, ...data.map((d) => d.value));
  const height = Math.max(ROW, data.length * ROW) + 8;
  const barSpace = WIDTH - LABEL_W - 70;
  return (
    <figure className="chart" ref={ref}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {description} {data.map((d) => `${d.label}: ${format(d.value)}`).join('; ')}
        </desc>
        {data.map((d, i) => {
          const y = i * ROW + 4;
          const w = Math.max(2, (d.value / max) * barSpace);
          const room = Math.floor(LABEL_W / 7);
          const label = d.label.length > room ? `${d.label.slice(0, room - 1)}…` : d.label;
          return (
            <g key={d.label}>
              <title>{`${d.label}: ${format(d.value)}`}</title>
              <text
                x={LABEL_W - 8}
                y={y + ROW / 2}
                className="chart-label"
                textAnchor="end"
                dominantBaseline="middle"
              >
                {label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={w} height={ROW - 8} rx={3} className="chart-bar" />
              <text x={LABEL_W + w + 6} y={y + ROW / 2} className="chart-value" dominantBaseline="middle">
                {format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}
