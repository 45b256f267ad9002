import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` leaves the one-file agent that Pulse serves at /download/pulse-agent
 * (a dot-folder at the repository root, ignored by git), and the installer it serves at
 * /install.sh. Shared by the bundler and the server so they cannot disagree.
 */
export const agentBundleFile = fileURLToPath(
  new URL('../../.build/pulse-agent.mjs', import.meta.url),
);

export const installerFile = fileURLToPath(new URL('./install.sh', import.meta.url));

export const agentEntryFile = fileURLToPath(new URL('./main.ts', import.meta.url));
