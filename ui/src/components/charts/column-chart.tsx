import { useId } from 'react';
import type { Datum } from './bar-chart';
import { useWidth } from './use-width';

const H = 170;
const PAD = { left: 8, right: 8, top: 16, bottom: 24 };

/** Vertical bars for counts over time (articles per day), each bar titled with its value. */
export function ColumnChart({
  title,
  description,
  data,
  format = (n) => n.toLocaleString(),
}: {
  title: string;
  description: string;
  data: Datum[];
  format?: (n: number) => string;
}) {
  const id = useId();
  const [ref, W] = useWidth<HTMLElement>(560);
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, data.length);
  const bar = Math.max(2, slot * 0.7);
  const every = Math.max(1, Math.ceil(data.length / Math.max(2, Math.floor(W / 70))));
  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {description} {data.map((d) => `${d.label}: ${format(d.value)}`).join('; ')}
        </desc>
        <line
          x1={PAD.left}
          x2={W - PAD.right}
          y1={H - PAD.bottom}
          y2={H - PAD.bottom}
          className="chart-grid"
        />
        {data.map((d, i) => {
          const h = ((H - PAD.top - PAD.bottom) * d.value) / max;
          const x = PAD.left + i * slot + (slot - bar) / 2;
          return (
            <g key={d.label}>
              <title>{`${d.label}: ${format(d.value)}`}</title>
              <rect x={x} y={H - PAD.bottom - h} width={bar} height={h} rx={2} className="chart-bar" />
              {d.value > 0 ? (
                <text x={x + bar / 2} y={H - PAD.bottom - h - 4} textAnchor="middle" className="chart-value">
                  {format(d.value)}
                </text>
              ) : null}
              {i % every === 0 || i === data.length - 1 ? (
                <text x={x + bar / 2} y={H - 8} textAnchor="middle" className="chart-label">
                  {d.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}
