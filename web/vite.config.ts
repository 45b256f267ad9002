import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The build runs from the repo root (`vite build --config web/vite.config.ts`), and the adapter
// resolves `out` against the working directory, so both paths are pinned to this folder.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [
    sveltekit({
      adapter: adapter({ out: `${here}build` }),
      // SvelteKit adds a nonce for its own inline scripts per response; app.html's theme
      // script carries %sveltekit.nonce%. Styles allow inline because components and uPlot set
      // style attributes; scripts never do.
      csp: {
        mode: 'auto',
        directives: {
          'default-src': ['self'],
          'script-src': ['self'],
          'style-src': ['self', 'unsafe-inline'],
          'img-src': ['self', 'data:', 'blob:'],
          'font-src': ['self', 'data:'],
          'connect-src': ['self', 'ws:', 'wss:'],
          'frame-ancestors': ['none'],
          'base-uri': ['self'],
          'form-action': ['self'],
          'object-src': ['none'],
        },
      },
    }),
  ],
});
