// Trunk post-build hook (Trunk.toml [[hooks]]): writes sw.js into the staged site from
// web/sw.js, with the list of the site's files and a version that changes whenever any of
// them does, so a new build replaces the old cache. Run by `trunk build` and `trunk serve`.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR || process.cwd();
if (!staging) {
  console.error('service-worker.mjs: TRUNK_STAGING_DIR is not set (run it as a Trunk post_build hook)');
  process.exit(1);
}

const files = [];
for (const entry of fs.readdirSync(staging, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const rel = path.relative(staging, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/');
  if (rel === 'sw.js' || rel.endsWith('.map') || rel.endsWith('.d.ts')) continue;
  files.push(rel);
}
files.sort();
const hash = createHash('sha256');
for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(path.join(staging, f)));
const version = hash.digest('hex').slice(0, 16);
const list = ['./', ...files.map((f) => `./${f}`)];

const template = fs.readFileSync(path.join(source, 'web', 'sw.js'), 'utf8');
const out = template.replace("'__VERSION__'", JSON.stringify(version)).replace('__FILES__', JSON.stringify(list));
if (out.includes('__VERSION__') || out.includes('__FILES__')) {
  console.error('service-worker.mjs: web/sw.js lost its __VERSION__ or __FILES__ placeholder');
  process.exit(1);
}
fs.writeFileSync(path.join(staging, 'sw.js'), out);
console.log(`service-worker.mjs: sw.js caches ${list.length} files, version ${version}`);
