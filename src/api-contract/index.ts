/** Request and response schemas of the HTTP API, shared by the server and the dashboard (zod only, no IO). */
export * from './envelope.schema.js';
export * from './auth.schema.js';
export * from './models.schema.js';
export * from './prompts.schema.js';
export * from './provider-keys.schema.js';
export * from './search.schema.js';
export * from './tenancy.schema.js';
export * from './credits.schema.js';
export * from './notifications.schema.js';
export * from './planner.schema.js';
export * from './content.schema.js';
export * from './publishing.schema.js';
export * from './automation.schema.js';
export * from './schedules.schema.js';
export * from './inventory.schema.js';
export * from './voice.schema.js';
