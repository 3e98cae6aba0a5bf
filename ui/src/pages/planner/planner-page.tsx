import { useSite } from '../../app/site-context';
import { PageHeader, Tabs } from '../../components/page';
import { ClustersView } from './clusters-view';
import { IdeasView } from './ideas-view';
import { ImportPanel } from './import-panel';
import { KeywordsView } from './keywords-view';

const TABS = [
  { to: '/planner', label: 'Keywords' },
  { to: '/planner/import', label: 'Import' },
  { to: '/planner/clusters', label: 'Clusters' },
  { to: '/planner/ideas', label: 'Ideas' },
];

export function PlannerPage({ view }: { view: 'keywords' | 'import' | 'clusters' | 'ideas' }) {
  const { siteId, site } = useSite();
  return (
    <div>
      <PageHeader title="Planner">
        {site ? `Keywords, clusters and ideas of ${site.name}` : 'Add a site first.'}
      </PageHeader>
      <Tabs label="Planner views" tabs={TABS} />
      {!siteId ? null : view === 'import' ? (
        <section className="card" aria-label="Import keywords">
          <ImportPanel siteId={siteId} />
        </section>
      ) : view === 'clusters' ? (
        <ClustersView siteId={siteId} />
      ) : view === 'ideas' ? (
        <IdeasView siteId={siteId} />
      ) : (
        <KeywordsView siteId={siteId} />
      )}
    </div>
  );
}
