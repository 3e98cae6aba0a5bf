import { createCore } from './core.js';
import { initProjectWith, type InitProjectInput, type InitProjectResult } from './tenancy/index.js';

/**
 * `igny8 init` composed with the real core: tenancy's init opens the project through `createCore`
 * given here, so tenancy does not import the composition root above it.
 * @example await initProject(process.cwd(), { email: 'me@example.com', accountName: 'Me', siteName: 'Blog', sectorName: 'General' })
 */
export function initProject(
  cwd: string,
  input: InitProjectInput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<InitProjectResult> {
  return initProjectWith(createCore, cwd, input, env);
}
