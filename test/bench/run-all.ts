// `npm run bench`: runs every benchmark script in this folder, one process each.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const scripts = readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'run-all.ts');
let failed = 0;
for (const script of scripts.sort()) {
  const result = spawnSync(process.execPath, [`${dir}/${script}`], { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);
