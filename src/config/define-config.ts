import type { Igny8ConfigInput } from './config.schema.js';

/** Typed helper for `igny8.config.ts`. @example export default defineConfig({ database: { url: 'sqlite:./igny8.db' } }) */
export function defineConfig(config: Igny8ConfigInput): Igny8ConfigInput {
  return config;
}
