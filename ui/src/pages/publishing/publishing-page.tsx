import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import { useInvalidate } from '../../api/queries';
import type { PublishResult } from '../../api/types';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { ErrorNotice } from '../../components/feedback';
import { Card, PageHeader } from '../../components/page';
import { toast } from '../../components/toast';
import { Calendar } from './calendar';
import { Destinations } from './destinations';

export function PublishingPage() {
  const { siteId, site } = useSite();
  const canPublish = useCan('editor');
  const invalidate = useInvalidate();
  const publish = useMutation({
    mutationFn: () =>
      api<PublishResult[]>(paths.publish, { method: 'POST', body: { siteId, when: 'schedule' } }),
    onSuccess: (results) => {
      const failed = results.filter((r) => r.status === 'failed').length;
      toast(
        results.length === 0
          ? 'No approved articles are waiting'
          : `${results.length - failed} scheduled or published${failed ? `, ${failed} failed` : ''}`,
        failed ? 'bad' : 'ok',
      );
      return invalidate(paths.calendar, paths.contents);
    },
  });
  if (!siteId) return <PageHeader title="Publishing">Add a site first.</PageHeader>;
  return (
    <div>
      <PageHeader
        title="Publishing"
        actions={
          canPublish ? (
            <button
              type="button"
              className="primary"
              onClick={() => publish.mutate()}
              disabled={publish.isPending}
            >
              {publish.isPending ? 'Publishing…' : 'Publish approved articles'}
            </button>
          ) : null
        }
      >
        Destinations and the calendar of {site?.name}. Articles follow the schedule under{' '}
        <Link to="/settings/publishing">Settings → Publishing</Link>.
      </PageHeader>
      <ErrorNotice error={publish.error} />
      <div className="grid two">
        <Card title="Destinations">
          <Destinations siteId={siteId} />
        </Card>
        <Card title="Calendar">
          <Calendar siteId={siteId} />
        </Card>
      </div>
    </div>
  );
}
