import { useQuery } from '@tanstack/react-query';
import { paths } from '../api/endpoints';
import { apiQuery } from '../api/queries';
import type { ModuleState } from '../api/types';

/**
 * Whether a module is on for the account. Until the list loads every module counts as on; pages
 * of a disabled module then skip their requests (the API would refuse them anyway).
 */
export function useModules(): (name: string) => boolean {
  const modules = useQuery({ ...apiQuery<ModuleState[]>(paths.modules), staleTime: 60_000 });
  const off = new Set<string>((modules.data ?? []).filter((m) => !m.enabled).map((m) => m.name));
  return (name) => !off.has(name);
}
