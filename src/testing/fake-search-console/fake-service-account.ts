import { generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface FakeServiceAccount {
  /** The JSON key file Google hands out, as text (what `igny8 gsc connect --key-file` reads). */
  json: string;
  clientEmail: string;
  /** The public half, for the fake token endpoint to verify assertions with. */
  publicKey: KeyObject;
}

/**
 * A service-account key in Google's JSON format with a fresh RSA key pair (2048 bits, as Google's).
 * @example const sa = fakeServiceAccount(); createFakeSearchConsole({ publicKey: sa.publicKey, … })
 */
export function fakeServiceAccount(
  clientEmail = 'igny8-test@fake-project.iam.gserviceaccount.com',
): FakeServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'fake-project',
    private_key_id: 'fake-key-1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: '100000000000000000001',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  return { json, clientEmail, publicKey };
}
