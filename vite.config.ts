/**
 * The renderer build (`npm run build:renderer`, and `netloom serve` / `npm start` when the
 * sources changed): renderer/ -> dist/renderer, relative asset URLs so the same files load from
 * the web host and from Electron's app:// protocol. Two pages: the app (index.html) and the
 * host status page (host/status.html).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { faviconFiles, renderPngs } from './scripts/icons.mjs';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The icon (assets/icon.svg) rendered with sharp into the build: favicon.ico/.svg for the browser, icon.png for Electron's window. */
function icons(): Plugin {
  return {
    name: 'netloom-icons',
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'icon', type: 'image/svg+xml', href: './favicon.svg' }, injectTo: 'head' },
    ],
    async generateBundle() {
      const files: Record<string, Buffer> = {
        ...(await faviconFiles()),
        'icon.png': (await renderPngs([256])).get(256) as Buffer,
      };
      for (const [fileName, source] of Object.entries(files)) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}

export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), icons()],
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
