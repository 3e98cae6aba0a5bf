/** The main navigation; `module` hides an entry when that module is disabled for the account. */
export const NAV: Array<{ to: string; label: string; icon: string; module?: string }> = [
  { to: '/', label: 'Dashboard', icon: '◧' },
  { to: '/planner', label: 'Planner', icon: '◈', module: 'planner' },
  { to: '/writer', label: 'Writer', icon: '✎', module: 'writer' },
  { to: '/images', label: 'Images', icon: '▣', module: 'images' },
  { to: '/automation', label: 'Automation', icon: '⟳', module: 'automation' },
  { to: '/publishing', label: 'Publishing', icon: '⇪', module: 'publishing' },
  { to: '/refresh', label: 'Refresh', icon: '↻', module: 'writer' },
  { to: '/search-console', label: 'Search Console', icon: '↗' },
  { to: '/billing', label: 'Billing', icon: '¤' },
  { to: '/settings', label: 'Settings', icon: '⚙' },
];
