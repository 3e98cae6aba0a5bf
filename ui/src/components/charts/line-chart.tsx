import { useId } from 'react';
import type { Datum } from './bar-chart';
import { useWidth } from './use-width';

interface Props {
  title: string;
  description: string;
  data: Datum[];
  format?: (n: number) => string;
}

const H = 200;
const PAD = { left: 44, right: 12, top: 12, bottom: 28 };

function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const nice = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const out: number[] = [];
  for (let v = 0; v <= max + nice / 2; v += nice) out.push(Math.round(v * 100) / 100);
  return out;
}

/** "2026-01-15" → "01-15"; other labels as they are. */
const shortLabel = (label: string) => (/^\d{4}-\d{2}-\d{2}$/.test(label) ? label.slice(5) : label);

/** A series over time (credits per day, articles per day), points with their values as titles. */
export function LineChart({ title, description, data, format = (n) => n.toLocaleString() }: Props) {
  const id = useId();
  const [ref, W] = useWidth<HTMLElement>(560);
  const yTicks = ticks(Math.max(1, ...data.map((d) => d.value)));
  const top = yTicks[yTicks.length - 1] || 1;
  const x = (i: number) =>
    PAD.left +
    (data.length <= 1
      ? (W - PAD.left - PAD.right) / 2
      : (i * (W - PAD.left - PAD.right)) / (data.length - 1));
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const points = data.map((d, i) => `${x(i)},${y(d.value)}`).join(' ');
  const every = Math.max(1, Math.ceil(data.length / Math.max(2, Math.floor(W / 90))));
  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>
          {description} {data.map((d) => `${d.label}: ${format(d.value)}`).join('; ')}
        </desc>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text
              x={PAD.left - 6}
              y={y(t)}
              textAnchor="end"
              dominantBaseline="middle"
              className="chart-label"
            >
              {format(t)}
            </text>
          </g>
        ))}
        {data.length > 1 ? <polyline points={points} className="chart-line" fill="none" /> : null}
        {data.map((d, i) => (
          <g key={d.label}>
            <circle cx={x(i)} cy={y(d.value)} r={3.5} className="chart-point">
              <title>{`${d.label}: ${format(d.value)}`}</title>
            </circle>
            {i % every === 0 || i === data.length - 1 ? (
              <text
                x={x(i)}
                y={H - 8}
                textAnchor={i === data.length - 1 && i > 0 ? 'end' : 'middle'}
                className="chart-label"
              >
                {shortLabel(d.label)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}
