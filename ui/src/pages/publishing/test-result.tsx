import type { DestinationTestResult, WordPressReport } from '../../api/types';

/** What the WordPress check looked at, each with its outcome, then the problems with their fixes. */
export function TestResult({ report }: { report: WordPressReport }) {
  const checks = [
    { name: 'REST API reachable', ok: report.rest, detail: report.restRoot ?? report.site },
    { name: 'Pretty permalinks', ok: report.prettyPermalinks !== false, detail: '' },
    {
      name: 'User can publish posts',
      ok: Boolean(report.user?.canPublish),
      detail: report.user ? `${report.user.name} (${report.user.roles.join(', ')})` : 'not signed in',
    },
    { name: 'User can upload media', ok: Boolean(report.user?.canUpload), detail: '' },
    { name: 'User can create categories and tags', ok: Boolean(report.user?.canCreateTerms), detail: '' },
  ];
  return (
    <div className={`notice ${report.ok ? 'notice-ok' : 'notice-error'}`} role="status">
      <strong>
        {report.ok
          ? `Connected to ${report.siteName ?? report.site}.`
          : `Cannot publish to ${report.site} yet.`}
      </strong>
      <ul className="checks-list" aria-label="Connection checks">
        {checks.map((c) => (
          <li key={c.name} className={c.ok ? 'check-ok' : 'check-error'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span>
            <span className="sr-only">{c.ok ? 'Passed' : 'Failed'}: </span>
            <span>
              <strong>{c.name}</strong> <span className="small">{c.detail}</span>
            </span>
          </li>
        ))}
      </ul>
      {report.problems.length > 0 ? (
        <ul>
          {report.problems.map((p) => (
            <li key={p.code}>
              {p.message} {p.hint ? <span className="small">({p.hint})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A folder or webhook check: each check with its outcome and detail. */
export function ChecksResult({ result }: { result: DestinationTestResult }) {
  return (
    <div className={`notice ${result.ok ? 'notice-ok' : 'notice-error'}`} role="status">
      <strong>{result.ok ? 'Destination OK.' : 'Destination check failed.'}</strong>
      <ul className="checks-list" aria-label="Destination checks">
        {result.checks.map((c) => (
          <li key={c.name} className={c.ok ? 'check-ok' : 'check-error'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'}</span>
            <span className="sr-only">{c.ok ? 'Passed' : 'Failed'}: </span>
            <span>
              <strong>{c.name}</strong> <span className="small break">{c.detail}</span>
              {c.hint ? <span className="small"> ({c.hint})</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
