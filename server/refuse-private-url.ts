import { assertPublicUrl, Igny8Error } from '../src/index.js';

/** The server will POST to this URL itself: refuse its own network unless allowed (SSRF). */
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
