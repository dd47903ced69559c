/**
 * `npm run bench`: runs every benchmark found as bench/<gebied>/run.ts, one after another (they
 * measure time, so they must not compete for the two cores), and reports which ones failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchMap = fileURLToPath(new URL('.', import.meta.url));
const gebieden = readdirSync(benchMap, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(benchMap, d.name, 'run.ts')))
  .map((d) => d.name)
  .sort();

const mislukt: string[] = [];
for (const gebied of gebieden) {
  console.log(`\n######## bench/${gebied}/run.ts`);
  const r = spawnSync('npx', ['tsx', join('bench', gebied, 'run.ts')], { stdio: 'inherit', cwd: join(benchMap, '..'), env: process.env });
  if (r.status !== 0) mislukt.push(`${gebied} (code ${r.status ?? r.signal})`);
}
console.log(`\n${gebieden.length} benchmark(s) gedraaid: ${gebieden.join(', ')}${mislukt.length ? `; mislukt: ${mislukt.join(', ')}` : ''}`);
process.exitCode = mislukt.length ? 1 : 0;
