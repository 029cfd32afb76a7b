import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const execute = promisify(execFile);
const repo = join(__dirname, '..', '..', '..');
const readJson = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(file, 'utf8')) as T;

/** Runs `command` in `cwd`; a failure says what it printed. */
async function run(cwd: string, command: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execute(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`,
    );
  }
}

/**
 * Installs `folder` with our packages from `npm pack` tarballs of the repository, as an outside
 * team would get them from the registry. Third-party packages are installed for real, through
 * npm's cache: the point is that the scaffold's own dependency list is complete, which links to
 * the repository's node_modules would hide. With a warm cache this takes some 20 seconds.
 */
const installPacked = (folder: string) =>
  run(repo, process.execPath, [join(repo, 'scripts', 'install-packed.mjs'), folder]);

interface Manifest {
  readonly name: string;
  readonly scripts: Record<string, string>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
}

/** A failed mocha test, as the JSON reporter prints it. */
interface MochaFailure {
  readonly fullTitle: string;
  readonly err: { readonly message?: string; readonly code?: string };
}

describe('create-adapter, installed from its tarball outside the repository', function () {
  // Three npm installs, a build, the suite and a type-checked lint: about a minute when warm.
  this.timeout(300_000);
  let root: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'tvox-standalone-'));
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('scaffolds a standalone package that installs, builds, lints and runs its suite red', async () => {
    const tools = join(root, 'tools');
    await mkdir(tools);
    await writeFile(
      join(tools, 'package.json'),
      JSON.stringify({
        name: 'tools',
        private: true,
        dependencies: { '@tvox-connector/create-adapter': '^0.1.0' },
      }),
    );
    await installPacked(tools);
    const created = await run(root, join(tools, 'node_modules', '.bin', 'create-tvox-adapter'), [
      'line-works',
      '--package-name',
      '@acme/tvox-adapter-line-works',
    ]);
    expect(created).to.contain('Created @acme/tvox-adapter-line-works (standalone)');
    const adapter = join(root, 'line-works');

    const manifest = await readJson<Manifest>(join(adapter, 'package.json'));
    const ours = await Promise.all(
      ['core', 'packages/testkit', 'packages/create-adapter'].map((folder) =>
        readJson<{ version: string }>(join(repo, folder, 'package.json')),
      ),
    );
    expect(new Set(ours.map((m) => m.version)).size, 'our packages share one version').to.equal(1);
    const published = `^${ours[0]!.version}`;
    expect(manifest.name).to.equal('@acme/tvox-adapter-line-works');
    expect(manifest.peerDependencies['@tvox-connector/core']).to.equal(published);
    expect(manifest.devDependencies['@tvox-connector/core']).to.equal(published);
    expect(manifest.devDependencies['@tvox-connector/testkit']).to.equal(published);
    expect(Object.keys(manifest.scripts)).to.include.members(['build', 'test', 'lint', 'format']);
    // The tools it builds and checks with are the ones this repository is checked with.
    const rootTools = (await readJson<Manifest>(join(repo, 'package.json'))).devDependencies;
    const core = await readJson<Manifest>(join(repo, 'core', 'package.json'));
    for (const [name, range] of Object.entries({
      ...manifest.dependencies,
      ...manifest.devDependencies,
    })) {
      if (name.startsWith('@tvox-connector/')) continue;
      const ownRange = rootTools[name] ?? core.dependencies[name] ?? core.peerDependencies[name];
      expect(range, `${name}'s range`).to.equal(ownRange);
    }

    await installPacked(adapter);
    await run(adapter, 'npm', ['run', 'build']);
    const shipped = await readJson<{ sources: string[] }>(join(adapter, 'dist', 'index.d.ts.map'));
    expect(shipped.sources, 'declaration maps point at the shipped src/').to.deep.equal([
      '../src/index.ts',
    ]);
    await run(adapter, 'npm', ['run', 'lint']);

    const outcome = await execute('npm', ['test', '--', '--reporter', 'json'], {
      cwd: adapter,
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      () => expect.fail('the scaffold’s suite passed: it must be red until the adapter is written'),
      (error: unknown) => (error as { stdout: string }).stdout,
    );
    // npm prints its script banner before the reporter's JSON.
    const report = JSON.parse(outcome.slice(outcome.indexOf('{'))) as {
      stats: { passes: number; failures: number };
      failures: MochaFailure[];
    };
    expect(report.stats.passes, 'tests passing on an empty adapter').to.equal(0);
    expect(report.stats.failures).to.be.greaterThan(15);
    expect(
      report.failures
        .filter(
          (f) =>
            f.err.code !== 'TVOX_ERR_NOT_IMPLEMENTED' ||
            !(f.err.message ?? '').includes('is not implemented yet'),
        )
        .map((f) => `${f.fullTitle}: ${f.err.message ?? ''}`),
    ).to.deep.equal([]);
  });
});
