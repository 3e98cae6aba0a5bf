import type { Content } from '../../api/types';

function scoreTone(score: number): string {
  return score >= 80 ? 'ok' : score >= 60 ? 'warn' : 'bad';
}

/** The stored SEO report: the score and every check with what it found. */
export function SeoPanel({ content, dirty }: { content: Content; dirty: boolean }) {
  const report = content.seoReport;
  if (!report) return <p className="muted">No SEO report yet: save the article to run the checks.</p>;
  const passed = report.checks.filter((c) => c.passed).length;
  return (
    <div className="seo">
      <div className="seo-score">
        <span className={`score score-${scoreTone(report.score)}`} data-testid="seo-score">
          {report.score}
        </span>
        <span className="muted small">
          of 100 · {passed}/{report.checks.length} checks passed · {report.wordCount.toLocaleString()} words ·
          reading ease {report.readingEase}
        </span>
      </div>
      {dirty ? (
        <p className="muted small" role="status">
          Unsaved edits: save to re-check.
        </p>
      ) : null}
      <ul className="checks-list" aria-label="SEO checks">
        {report.checks.map((c) => (
          <li key={c.id} className={`check-${c.severity}`}>
            <span aria-hidden="true">{c.passed ? '✓' : c.severity === 'error' ? '✗' : '!'}</span>
            <span className="sr-only">{c.passed ? 'Passed' : 'Failed'}: </span>
            <span>
              <strong>{c.label}</strong> <span className="muted small">{c.detail}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
