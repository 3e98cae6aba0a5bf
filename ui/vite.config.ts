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
    rolldownOptions: {
      output: {
        // Libraries in their own chunks: each stays under the warning limit, and an app-only change
        // leaves their hashes (and the browser's cached copies) as they were.
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /[\\/]node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
            { name: 'query', test: /[\\/]node_modules[\\/]@tanstack[\\/]/ },
            // Recharts and what it builds on (d3 scales and shapes, redux state), in two chunks.
            { name: 'vendor', test: /[\\/]node_modules[\\/](?!recharts[\\/])/ },
            { name: 'charts', test: /[\\/]node_modules[\\/]recharts[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': process.env.IGNY8_API_URL ?? 'http://127.0.0.1:8787' } },
});
