import { z } from 'zod';

/**
 * The input that adds a destination of `kind`: its name (defaulting to the kind), its config and
 * its secret. Each DESTINATION_KINDS entry declares its own (open-destination.ts); the store
 * validates against the union of them.
 */
export function destinationInput<K extends string, C extends z.ZodType, S extends z.ZodType>(
  kind: K,
  config: C,
  secret: S,
) {
  return z.object({
    kind: z.literal(kind),
    name: z.string().trim().min(1).max(80).default(kind),
    config,
    secret,
  });
}
