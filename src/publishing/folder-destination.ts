import fs from 'node:fs';
import path from 'node:path';
import { exportContent } from '../writer/index.js';
import type { Destination, PublishJob, PublishOutcome } from './destination.types.js';

export interface FolderDestinationConfig {
  dir: string;
  format: 'md' | 'html';
}

/** Publish by writing the article file: re-publishing overwrites the same slug, so it is naturally idempotent. */
export function createFolderDestination(cfg: FolderDestinationConfig, mediaDir: string): Destination {
  return {
    kind: 'folder',
    async publish(job: PublishJob): Promise<PublishOutcome> {
      const [file] = exportContent([{ ...job.content, images: job.images }], {
        dir: cfg.dir,
        format: cfg.format,
        mediaDir,
        scheduledAt: job.scheduledAt,
        ...(job.site ? { sites: new Map([[job.content.siteId, job.site]]) } : {}),
      });
      return {
        remoteId: path.relative(cfg.dir, file!.file),
        remoteUrl: `file://${file!.file}`,
        remoteStatus: 'publish',
        warnings: [],
      };
    },
    async sync(remoteId) {
      const file = path.join(cfg.dir, remoteId);
      return {
        remoteId,
        remoteUrl: `file://${file}`,
        remoteStatus: fs.existsSync(file) ? 'publish' : 'missing',
      };
    },
    async test() {
      try {
        fs.mkdirSync(cfg.dir, { recursive: true });
        fs.accessSync(cfg.dir, fs.constants.W_OK);
        return { ok: true, checks: [{ name: 'writable', ok: true, detail: cfg.dir }] };
      } catch (err) {
        return { ok: false, checks: [{ name: 'writable', ok: false, detail: (err as Error).message }] };
      }
    },
  };
}
