import { fileURLToPath } from 'node:url';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// The build runs from the repo root (`vite build --config web/vite.config.ts`), and the adapter
// resolves `out` against the working directory, so both paths are pinned to this folder.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  plugins: [sveltekit({ adapter: adapter({ out: `${here}build` }) })],
});
