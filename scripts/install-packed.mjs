#!/usr/bin/env node
// Installs a project outside the repository as an outside team would, with the `@tvox-connector`
// packages it depends on taken from `npm pack` tarballs of this repository (built beforehand)
// instead of the registry:
//
//   node scripts/install-packed.mjs <project folder>
//
// It packs every workspace the project needs (its @tvox-connector dependencies and theirs) into
// a temporary folder, points the project's package.json at the tarballs (`file:` dependencies,
// and `overrides` for the ones that come in through our other packages), then runs `npm install`.
// Third-party packages come from the registry through npm's cache (`--prefer-offline`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCOPE = '@tvox-connector/';
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The repository's workspaces by package name: their folder and manifest. */
function workspaces() {
  const folders = ['core'];
  for (const parent of ['packages', 'adapters']) {
    for (const entry of readdirSync(join(repository, parent), { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(repository, parent, entry.name, 'package.json')))
        folders.push(join(parent, entry.name));
    }
  }
  return new Map(
    folders.map((folder) => {
      const manifest = readJson(join(repository, folder, 'package.json'));
      return [manifest.name, { folder, manifest }];
    }),
  );
}

/** Our package names a manifest depends on, peers included. */
function ownDependencies(manifest) {
  return [...DEPENDENCY_FIELDS, 'peerDependencies'].flatMap((field) =>
    Object.keys(manifest[field] ?? {}).filter((name) => name.startsWith(SCOPE)),
  );
}

/** The workspaces `manifest` needs, directly or through our other packages. */
function closure(manifest, known) {
  const needed = new Set();
  const pending = ownDependencies(manifest);
  while (pending.length > 0) {
    const name = pending.pop();
    if (needed.has(name)) continue;
    const workspace = known.get(name);
    if (workspace === undefined) throw new Error(`${name} is not a package of this repository`);
    needed.add(name);
    pending.push(...ownDependencies(workspace.manifest));
  }
  return [...needed].sort();
}

/** Packs `names` into `destination`; the tarball of each, by name. */
function pack(names, known, destination) {
  const output = execFileSync(
    'npm',
    [
      'pack',
      '--json',
      '--pack-destination',
      destination,
      ...names.flatMap((name) => ['--workspace', known.get(name).folder]),
    ],
    { cwd: repository, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return new Map(
    JSON.parse(output).map((packed) => [packed.name, join(destination, packed.filename)]),
  );
}

/**
 * Points `manifest` at the tarballs: each direct dependency on one of ours becomes `file:`, and
 * `overrides` make our packages that arrive through others (testkit's simulator) the tarballs too
 * (npm wants `$name` there for a direct dependency).
 */
function useTarballs(manifest, tarballs) {
  const direct = new Set();
  for (const field of DEPENDENCY_FIELDS) {
    for (const name of Object.keys(manifest[field] ?? {})) {
      if (!tarballs.has(name)) continue;
      manifest[field][name] = `file:${tarballs.get(name)}`;
      direct.add(name);
    }
  }
  manifest.overrides = {
    ...manifest.overrides,
    ...Object.fromEntries(
      [...tarballs].map(([name, file]) => [name, direct.has(name) ? `$${name}` : `file:${file}`]),
    ),
  };
  return manifest;
}

const [project] = process.argv.slice(2);
if (project === undefined) {
  console.error('Usage: node scripts/install-packed.mjs <project folder>');
  process.exit(2);
}
const manifestFile = join(resolve(project), 'package.json');
const manifest = readJson(manifestFile);
const known = workspaces();
const destination = mkdtempSync(join(tmpdir(), 'tvox-packed-'));
try {
  const tarballs = pack(closure(manifest, known), known, destination);
  writeFileSync(manifestFile, `${JSON.stringify(useTarballs(manifest, tarballs), null, 2)}\n`);
  console.log(`packed ${[...tarballs.keys()].join(', ')}`);
  execFileSync(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'error'],
    { cwd: resolve(project), stdio: 'inherit' },
  );
} finally {
  // npm copied what it needed into node_modules.
  rmSync(destination, { recursive: true, force: true });
}
