import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder (the one with Doorstroom's package.json), found by walking up from this file: the same answer
 * from the sources (src/, run by tsx and vitest) and from the compiled server (dist/server/), which sit at different
 * depths. Migrations, the built web app and the demo files are found from here.
 */
function zoekProjectMap(): string {
  let map = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pakket = join(map, 'package.json');
    if (existsSync(pakket) && (JSON.parse(readFileSync(pakket, 'utf8')) as { name?: string }).name === 'doorstroom') return map;
    const boven = dirname(map);
    if (boven === map) throw new Error(`Projectmap van Doorstroom (package.json) niet gevonden boven ${fileURLToPath(import.meta.url)}`);
    map = boven;
  }
}

export const PROJECT_MAP = zoekProjectMap();
export const MIGRATIE_MAP = join(PROJECT_MAP, 'drizzle');
export const WEB_MAP = join(PROJECT_MAP, 'dist', 'web');
export const DEMO_MAP = join(PROJECT_MAP, 'demo');
