import type { ReactNode } from 'react';

export interface Datum {
  label: string;
  value: number;
}

/** What every chart takes: a title (its accessible name), a sentence saying what it shows, the numbers. */
export interface ChartProps {
  title: string;
  /** What the chart shows, read after the title by screen readers. */
  description: string;
  data: Datum[];
  format?: (n: number) => string;
  /** Column headers of the screen-reader table, e.g. ['Day', 'Credits']. */
  columns?: [string, string];
}

export const formatNumber = (n: number): string => n.toLocaleString();

/** Tooltip colours from the theme (inline styles, so the CSS variables apply in dark mode too). */
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: 6,
    color: 'var(--text)',
    fontSize: 13,
  },
  labelStyle: { color: 'var(--muted)' },
  itemStyle: { color: 'var(--text)' },
  cursor: { fill: 'var(--surface-2)', stroke: 'var(--border)' },
} as const;

/**
 * The figure around a chart: the plot is an image named by its title (Recharts' <title>/<desc>);
 * the same numbers follow as a table that only screen readers see.
 */
export function ChartFrame({
  title,
  data,
  format = formatNumber,
  columns = ['Label', 'Value'],
  children,
}: Pick<ChartProps, 'title' | 'data' | 'format' | 'columns'> & { children: ReactNode }) {
  return (
    <figure className="chart">
      {children}
      {/* A table cannot clip itself the way sr-only needs: the wrapper hides it. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col">{columns[1]}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{format(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
