/** The Publishing section's views (see Tabs). */
export const PUBLISHING_TABS = [
  { to: '/publishing', label: 'Destinations & calendar' },
  { to: '/publishing/inventory', label: 'Site inventory' },
];
