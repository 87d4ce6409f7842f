// Runs `npm ci` only when node_modules does not match package-lock.json: a SHA-256 of the
// lockfile is kept in node_modules after a successful install. Saves ~10 s per build, and keeps
// parallel builds from deleting each other's node_modules mid-test.
// Usage: node ensure-installed.mjs [folder]   (default: the emulators folder beside this script)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve, basename } from 'node:path';

const here = process.argv[2] ? resolve(process.argv[2]) : dirname(fileURLToPath(import.meta.url));
const name = basename(here);
const hash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
const marker = join(here, 'node_modules', '.glint-lock-sha256');
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === hash) {
  console.log(`${name}: node_modules matches package-lock.json`);
} else {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  writeFileSync(marker, hash + '\n');
}
