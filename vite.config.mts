import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The browser pages (npm run build:web): web/explorer/, web/versions/ and web/graphiql/ → dist/web/, served
 * by src/http/web.ts.
 * Everything comes from npm and is bundled here: the pages load nothing from a CDN.
 */
const web = fileURLToPath(new URL('./web/', import.meta.url));

export default defineConfig({
  root: web,
  // src/http/web.ts serves dist/web/assets/ at /explorer/assets/, for both pages.
  base: '/explorer/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/web/', import.meta.url)),
    emptyOutDir: true,
    // GraphiQL (React, CodeMirror 5, the GraphQL language service) is one chunk of about 1.6 MB: expected.
    chunkSizeWarningLimit: 2500,
    reportCompressedSize: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // GraphiQL's Radix UI modules start with "use client", meaningless outside React Server Components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) return;
        warn(warning);
      },
      input: {
        explorer: `${web}explorer/index.html`,
        graphiql: `${web}graphiql/index.html`,
        versions: `${web}versions/index.html`,
      },
    },
  },
});
