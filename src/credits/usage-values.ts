import type { Scope } from '../tenancy/scope.js';
import { UsageInputSchema, type UsageInput } from './credits.schema.js';
import type { UsageValues } from './usage.repository.js';

/** The usage row of an operation; `credits` is what the operation was actually charged. */
export function usageValues(
  scope: Scope,
  opId: string,
  input: UsageInput,
  credits: number,
  status: 'ok' | 'failed',
  createdAt: string,
): UsageValues {
  const u = UsageInputSchema.parse(input);
  return {
    opId,
    siteId: u.siteId ?? scope.siteId ?? null,
    operation: u.operation,
    provider: u.provider,
    model: u.model,
    tokensIn: u.tokensIn,
    tokensOut: u.tokensOut,
    tokensCached: u.tokensCached,
    tokensCacheWrite: u.tokensCacheWrite,
    images: u.images,
    credits,
    usd: u.usd,
    usdCacheSaved: u.usdCacheSaved,
    usdBatchSaved: u.usdBatchSaved,
    objectType: u.objectType ?? null,
    objectId: u.objectId ?? null,
    status,
    error: u.error ?? null,
    createdAt,
    estimated: u.estimated,
    reported: u.reported ? JSON.stringify(u.reported) : null,
  };
}
