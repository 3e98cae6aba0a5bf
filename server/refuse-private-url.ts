import { assertPublicUrl, Igny8Error } from '../src/index.js';

/**
 * The server will call this URL itself (a webhook, a provider base URL): refuse the host's own
 * network unless `server.allowPrivateUrls` (SSRF), and say so when the host does not resolve.
 */
export async function refusePrivateUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await assertPublicUrl(url, { allowPrivate });
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new Igny8Error('URL_NOT_ALLOWED', `Cannot resolve the host of ${new URL(url).host}`, {
      hint: 'Check the address; private endpoints need server.allowPrivateUrls in the config.',
    });
  }
}
