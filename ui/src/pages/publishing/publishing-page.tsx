import { useState } from 'react';
import { Link } from 'react-router';
import { useSite } from '../../app/site-context';
import { useCan } from '../../app/use-session';
import { Card, PageHeader, Tabs } from '../../components/page';
import { Calendar } from './calendar';
import { Destinations } from './destinations';
import { PublishApproved } from './publish-approved';
import { PUBLISHING_TABS } from './publishing-tabs';

export function PublishingPage() {
  const { siteId, site } = useSite();
  const canPublish = useCan('editor');
  const [publishing, setPublishing] = useState(false);
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
              onClick={() => setPublishing(true)}
              disabled={publishing}
            >
              Publish approved articles
            </button>
          ) : null
        }
      >
        Destinations and the calendar of {site?.name}. Articles follow the schedule under{' '}
        <Link to="/settings/publishing">Settings → Publishing</Link>.
      </PageHeader>
      <Tabs label="Publishing views" tabs={PUBLISHING_TABS} />
      {publishing ? <PublishApproved siteId={siteId} onClose={() => setPublishing(false)} /> : null}
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
