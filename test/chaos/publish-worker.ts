/**
 * The publisher in its own process, for the publish crash suite. Reads one JSON job from argv[2]:
 *   { url, baseDir, mediaDir, accountId, siteId, concurrency }
 * prints {"ready":true} once the core is open, then publishes every approved article at once
 * (status publish) with the real WordPress destination, printing {"checkpoint":"media"|"post"}
 * after each checkpoint the publisher saves, and {"done":true,"results":[…]} at the end. The suite
 * kills it with SIGKILL around those checkpoints.
 */
import { ConfigSchema } from '../../src/config/index.js';
import { createCore } from '../../src/core.js';
import { createPublisher, openDestination, type Destination } from '../../src/publishing/index.js';

interface Job {
  url: string;
  baseDir: string;
  mediaDir: string;
  accountId: string;
  siteId: string;
  concurrency: number;
}

const job = JSON.parse(process.argv[2]!) as Job;
const print = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);
const config = ConfigSchema.parse({ database: { url: job.url }, media: { dir: job.mediaDir } });
const core = await createCore({ config, baseDir: job.baseDir });

/** The real destination, telling the suite about each checkpoint once it is saved. */
function reporting(dest: Destination): Destination {
  return {
    ...dest,
    publish: (j) =>
      dest.publish({
        ...j,
        saveMedia: async (id, media) => {
          await j.saveMedia(id, media);
          print({ checkpoint: 'media' });
        },
        saveRemoteId: async (id) => {
          await j.saveRemoteId(id);
          print({ checkpoint: 'post' });
        },
      }),
  };
}

const publisher = createPublisher({
  db: core.db,
  content: core.content,
  destinations: core.destinations,
  mediaDir: core.resolvePath(config.media.dir),
  open: (row, secret) => reporting(openDestination(row, secret, { mediaDir: job.mediaDir, config })),
});
print({ ready: true });
const results = await publisher.publish(
  { accountId: job.accountId, siteId: job.siteId },
  { when: 'now', status: 'publish', concurrency: job.concurrency },
);
print({ done: true, results });
await core.close();
