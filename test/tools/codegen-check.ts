// `npm run codegen:check`: fails when web/src/lib/graphql/generated/ is not exactly what
// `npm run codegen` would write now. Generates in memory, so the working tree is never touched.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outputDir = 'web/src/lib/graphql/generated';

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return []; // a missing folder is stale too: every expected file is reported as missing
  }
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

// Codegen resolves the schema and document globs against the working directory.
process.chdir(root);
const outputs = await generate({ ...config, cwd: root, silent: true }, false);

const problems: string[] = [];
const expected = new Set<string>();
for (const output of outputs) {
  const path = resolve(root, output.filename);
  expected.add(path);
  const current = readOrNull(path);
  if (current === null) problems.push(`missing: ${relative(root, path)}`);
  else if (current !== output.content) problems.push(`differs: ${relative(root, path)}`);
}
for (const path of filesUnder(resolve(root, outputDir))) {
  if (!expected.has(path)) problems.push(`not generated: ${relative(root, path)}`);
}

if (problems.length > 0) {
  console.error(`${outputDir}/ is stale: run \`npm run codegen\` and commit the result.`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`${outputDir}/ is up to date (${outputs.length} files)`);
