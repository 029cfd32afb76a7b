import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const execute = promisify(execFile);
const root = join(__dirname, '..');

/** What `npm pack --dry-run --json` says of one package's tarball. */
interface Packed {
  readonly name: string;
  readonly version: string;
  readonly files: readonly { readonly path: string }[];
}

/** The parts of a package.json that name files in the tarball. */
interface Manifest {
  readonly private?: boolean;
  readonly license?: string;
  readonly main?: string;
  readonly types?: string;
  readonly bin?: Readonly<Record<string, string>>;
  readonly exports?: unknown;
  readonly publishConfig?: { readonly access?: string };
}

/** Every file path an `exports` map names, whatever its nesting of conditions. */
function exportedPaths(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (exports === null || typeof exports !== 'object') return [];
  return Object.values(exports).flatMap(exportedPaths);
}

/** Build output that must never ship: incremental build state, tests, compiled specs. */
const NEVER_SHIPPED = /(^|\/)\.tsbuildinfo$|(^|\/)node_modules\/|^test\/|\.spec\.(js|ts|d\.ts)$/;

describe('the packages as npm would publish them', function () {
  this.timeout(120_000);
  let packed: Packed[];

  before(async () => {
    const { stdout } = await execute(
      'npm',
      ['pack', '--dry-run', '--json', '--workspaces', '--ignore-scripts'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
    packed = JSON.parse(stdout) as Packed[];
  });

  const manifestOf = (name: string): Manifest =>
    JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as Manifest;

  it('packs every workspace, all at the version lerna releases', () => {
    const lerna = JSON.parse(readFileSync(join(root, 'lerna.json'), 'utf8')) as { version: string };
    expect(packed.length).to.be.at.least(10);
    for (const { name, version } of packed) expect(version, name).to.equal(lerna.version);
  });

  it('ships in each tarball what its package.json points at, its README and LICENSE, and no build state or tests', () => {
    for (const { name, files } of packed) {
      const paths = new Set(files.map((file) => file.path));
      const manifest = manifestOf(name);
      expect(manifest.private, `${name} is publishable`).to.not.equal(true);
      expect(manifest.license, name).to.equal('MIT');
      expect(manifest.publishConfig?.access, `${name}: a scoped package published public`).to.equal(
        'public',
      );
      for (const required of ['package.json', 'README.md', 'LICENSE'])
        expect(paths.has(required), `${name} ships ${required}`).to.equal(true);
      const named = [
        manifest.main,
        manifest.types,
        ...Object.values(manifest.bin ?? {}),
        ...exportedPaths(manifest.exports),
      ].flatMap((path) => (path === undefined ? [] : [path.replace(/^\.\//, '')]));
      for (const path of named) expect(paths.has(path), `${name} ships ${path}`).to.equal(true);
      const unwanted = [...paths].filter(
        (path) => NEVER_SHIPPED.test(path) && !path.startsWith('templates/'),
      );
      expect(unwanted, `${name} ships nothing of its build or tests`).to.deep.equal([]);
    }
  });

  it('ships the sources its declaration maps point at', () => {
    for (const { name, files } of packed) {
      const paths = new Set(files.map((file) => file.path));
      const maps = [...paths].filter((path) => path.endsWith('.d.ts.map'));
      for (const map of maps.slice(0, 20)) {
        const dir = require.resolve(`${name}/package.json`).replace(/package\.json$/, '');
        const { sources } = JSON.parse(readFileSync(join(dir, map), 'utf8')) as {
          sources: string[];
        };
        for (const source of sources) {
          const shipped = posix.join(posix.dirname(map), source);
          expect(paths.has(shipped), `${name}: ${map} points at ${shipped}`).to.equal(true);
        }
      }
    }
  });
});
