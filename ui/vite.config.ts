import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The dashboard builds into dist/ui so the published package serves it (`igny8 serve`). In dev,
 * `vite --config ui/vite.config.ts` proxies /api to a local `igny8 serve` on its default port.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../dist/ui'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: { proxy: { '/api': process.env.IGNY8_API_URL ?? 'http://127.0.0.1:8787' } },
});
