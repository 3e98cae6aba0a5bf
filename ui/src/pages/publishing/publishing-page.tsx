import { api } from '../../api/client';
import { paths } from '../../api/endpoints';
import type { PublishResult } from '../../api/types';
import { invalidate, useMutation } from '../../api/use-api';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { ErrorNotice } from '../../components/feedback';
import { Card, PageHeader } from '../../components/page';
import { toast } from '../../components/toast';
import { Link } from '../../router/router';
import { Calendar } from './calendar';
import { Destinations } from './destinations';

export function PublishingPage() {
  const { siteId, site } = useSite();
  const canPublish = useCan('editor');
  const publish = useMutation(() =>
    api<PublishResult[]>(paths.publish, { method: 'POST', body: { siteId, when: 'schedule' } }),
  );
  const doPublish = async () => {
    const results = await publish.run();
    if (!results) return;
    const failed = results.filter((r) => r.status === 'failed').length;
    toast(
      results.length === 0
        ? 'No approved articles are waiting'
        : `${results.length - failed} scheduled or published${failed ? `, ${failed} failed` : ''}`,
      failed ? 'bad' : 'ok',
    );
    invalidate(paths.calendar, paths.contents);
  };
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
              onClick={() => void doPublish()}
              disabled={publish.pending}
            >
              {publish.pending ? 'Publishing…' : 'Publish approved articles'}
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
