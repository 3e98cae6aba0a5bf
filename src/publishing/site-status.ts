/**
 * Pure: what the site shows for a publish record — the post's status there as last seen, not our
 * own "delivered" (a post sent as a draft is a draft on the site, not published).
 * @example siteStatus({ status: 'published', remote_status: 'draft' }) // 'draft'
 */
export function siteStatus(r: { status: string; remote_status: string | null }): string {
  const labels: Record<string, string> = {
    publish: 'published',
    future: 'scheduled',
    draft: 'draft',
    pending: 'pending review',
    private: 'private',
    trash: 'trashed',
    missing: 'deleted',
  };
  if (r.status === 'failed' || r.status === 'publishing') return r.status;
  return (r.remote_status && labels[r.remote_status]) || r.remote_status || r.status;
}
