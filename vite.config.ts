/**
 * The renderer build (`npm run build:renderer`, and `netloom serve` / `npm start` when the
 * sources changed): renderer/ -> dist/renderer, relative asset URLs so the same files load from
 * the web host and from Electron's app:// protocol. Two pages: the app (index.html) and the
 * host status page (host/status.html).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: { main: here('./renderer/index.html'), status: here('./renderer/host/status.html') },
    },
  },
});
