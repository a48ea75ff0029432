// The package mirror these machines use serves only linux-x64 builds of packages with per-platform
// optional binaries (@swc/core-*, msgpackr-extract-*, unrs-resolver-*), so `npm install` leaves them
// out of package-lock.json and `npm ci` then refuses the lock. Run this after changing dependencies:
// it records each missing optional platform package as skipped (os/cpu "none"), which npm ci accepts.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const version = /^[\^~]?(\d+\.\d+\.\d+\S*)$/.exec(range)?.[1];
    if (!version) continue;
    packages[`node_modules/${dep}`] = { version, optional: true, os: ['none'], cpu: ['none'] };
    added++;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`recorded ${added} unavailable optional platform packages`);
