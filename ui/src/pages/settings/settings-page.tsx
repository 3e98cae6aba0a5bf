import { PageHeader, Tabs } from '../../components/page';
import { AccountSettings } from './account-settings';
import { ApiKeysSettings } from './api-keys-settings';
import { ModelsSettings } from './models-settings';
import { ModulesSettings } from './modules-settings';
import { NotificationChannelsSettings } from './notification-channels-settings';
import { PromptsSettings } from './prompts-settings';
import { ProviderKeysSettings } from './provider-keys-settings';
import { PublishingSettings } from './publishing-settings';
import { SitesSettings } from './sites-settings';
import { TeamSettings } from './team-settings';

const VIEWS = {
  account: { label: 'Account', render: () => <AccountSettings /> },
  sites: { label: 'Sites', render: () => <SitesSettings /> },
  team: { label: 'Team', render: () => <TeamSettings /> },
  'api-keys': { label: 'API keys', render: () => <ApiKeysSettings /> },
  models: { label: 'Models', render: () => <ModelsSettings /> },
  'provider-keys': { label: 'Provider keys', render: () => <ProviderKeysSettings /> },
  prompts: { label: 'Prompts', render: () => <PromptsSettings /> },
  modules: { label: 'Modules', render: () => <ModulesSettings /> },
  publishing: { label: 'Publishing', render: () => <PublishingSettings /> },
  notifications: { label: 'Notifications', render: () => <NotificationChannelsSettings /> },
} as const;

export type SettingsView = keyof typeof VIEWS;

export function SettingsPage({ view }: { view: string }) {
  const current = (view in VIEWS ? view : 'account') as SettingsView;
  return (
    <div>
      <PageHeader title="Settings" />
      <Tabs
        label="Settings sections"
        tabs={Object.entries(VIEWS).map(([k, v]) => ({
          to: k === 'account' ? '/settings' : `/settings/${k}`,
          label: v.label,
        }))}
      />
      {VIEWS[current].render()}
    </div>
  );
}
