import { z } from 'zod';
import { Igny8Error } from '../errors/index.js';

export const ServiceAccountKeySchema = z.object({
  type: z.literal('service_account'),
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY'),
  private_key_id: z.string().optional(),
});
export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

/**
 * Read a Google service-account JSON key; GSC_KEY_INVALID (never echoing the key) when it is not one.
 * @example parseServiceAccountKey(fs.readFileSync('key.json', 'utf8')).client_email
 */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalid('the key is not JSON');
  }
  const r = ServiceAccountKeySchema.safeParse(json);
  if (!r.success)
    throw invalid(`the key lacks ${r.error.issues.map((i) => i.path.join('.') || 'fields').join(', ')}`);
  return r.data;
}

function invalid(why: string): Igny8Error {
  return new Igny8Error('GSC_KEY_INVALID', `Not a Google service-account key: ${why}`, {
    hint: 'In Google Cloud console → IAM → Service accounts → Keys, add a JSON key and pass the downloaded file.',
  });
}
