import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'rolldown';
import { agentBundleFile, agentEntryFile } from './distribution.ts';

/**
 * Bundles the agent and everything it imports (zod, the Kubernetes client) into one ESM
 * file that runs with a plain `node`, no node_modules beside it. Written beside and renamed
 * into place, so a server serving the old bundle never reads half a new one.
 */
export async function bundleAgent(outFile: string = agentBundleFile): Promise<{ bytes: number }> {
  const output = await build({
    input: agentEntryFile,
    platform: 'node',
    logLevel: 'warn',
    write: false,
    output: { format: 'esm', codeSplitting: false, minify: true },
  });
  const chunk = output.output.find((item) => item.type === 'chunk');
  if (!chunk) throw new Error('rolldown produced no chunk for the agent');
  const code = chunk.code.startsWith('#!') ? chunk.code : `#!/usr/bin/env node\n${chunk.code}`;
  await mkdir(dirname(outFile), { recursive: true });
  const partial = `${outFile}.${process.pid}.partial`;
  await writeFile(partial, code, { mode: 0o755 });
  await rename(partial, outFile);
  return { bytes: Buffer.byteLength(code) };
}

if (import.meta.main) {
  const startedAt = Date.now();
  const { bytes } = await bundleAgent();
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  process.stdout.write(
    `pulse-agent bundled: ${agentBundleFile} (${size}, ${Date.now() - startedAt} ms)\n`,
  );
}
