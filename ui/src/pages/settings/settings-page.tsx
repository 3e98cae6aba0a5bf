import type { ReactNode } from 'react';
import { useCan } from '../../app/use-session';
import { PageHeader, Tabs } from '../../components/page';
import { AccountSettings } from './account-settings';
import { ApiKeysSettings } from './api-keys-settings';
import { InvitesSettings } from './invites-settings';
import { ModelsSettings } from './models-settings';
import { ModulesSettings } from './modules-settings';
import { NotificationChannelsSettings } from './notification-channels-settings';
import { PromptsSettings } from './prompts-settings';
import { ProviderKeysSettings } from './provider-keys-settings';
import { PublishingSettings } from './publishing-settings';
import { SitesSettings } from './sites-settings';
import { TeamSettings } from './team-settings';

// `least`: the role a section is for; others do not see its tab (the API refuses them anyway).
const VIEWS: Record<string, { label: string; render: () => ReactNode; least?: 'admin' }> = {
  account: { label: 'Account', render: () => <AccountSettings /> },
  sites: { label: 'Sites', render: () => <SitesSettings /> },
  team: { label: 'Team', render: () => <TeamSettings /> },
  invites: { label: 'Invites', render: () => <InvitesSettings />, least: 'admin' },
  'api-keys': { label: 'API keys', render: () => <ApiKeysSettings />, least: 'admin' },
  models: { label: 'Models', render: () => <ModelsSettings /> },
  'provider-keys': { label: 'Provider keys', render: () => <ProviderKeysSettings />, least: 'admin' },
  prompts: { label: 'Prompts', render: () => <PromptsSettings /> },
  modules: { label: 'Modules', render: () => <ModulesSettings /> },
  publishing: { label: 'Publishing', render: () => <PublishingSettings /> },
  notifications: { label: 'Notifications', render: () => <NotificationChannelsSettings /> },
};

export type SettingsView = keyof typeof VIEWS;

export function SettingsPage({ view }: { view: string }) {
  const isAdmin = useCan('admin');
  const visible = Object.entries(VIEWS).filter(([, v]) => !v.least || isAdmin);
  const current = visible.some(([k]) => k === view) ? view : 'account';
  return (
    <div>
      <PageHeader title="Settings" />
      <Tabs
        label="Settings sections"
        tabs={visible.map(([k, v]) => ({
          to: k === 'account' ? '/settings' : `/settings/${k}`,
          label: v.label,
        }))}
      />
      {VIEWS[current]!.render()}
    </div>
  );
}
