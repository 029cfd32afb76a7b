import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InvalidInputError } from '@tvox-connector/core';
import {
  AdapterName,
  PackageName,
  defaultAdapterDirectory,
  findRepositoryRoot,
  nameForms,
  scaffoldAdapter,
} from '@tvox-connector/create-adapter';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';

const execute = promisify(execFile);

/** Runs node with `args`; a failure says what the command printed. */
async function node(args: readonly string[]): Promise<void> {
  try {
    await execute(process.execPath, args);
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
const repo = join(__dirname, '..', '..', '..');

/** A failed mocha test, as the JSON reporter prints it. */
interface MochaFailure {
  readonly fullTitle: string;
  readonly err: { readonly message?: string; readonly code?: string };
}

/**
 * A copy of the repository's layout around a scaffolded adapter, in a temporary folder: the root
 * package.json that marks the repository, the base tsconfig, core, and node_modules linking the
 * repository's packages, as `npm install` would. Nothing is written inside the repository.
 */
async function workspaceFor(name: string): Promise<{ root: string; adapter: string }> {
  const root = await mkdtemp(join(tmpdir(), 'tvox-scaffold-'));
  await symlink(join(repo, 'package.json'), join(root, 'package.json'));
  await symlink(join(repo, 'tsconfig.base.json'), join(root, 'tsconfig.base.json'));
  await symlink(join(repo, 'core'), join(root, 'core'));
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  return { root, adapter: join(root, 'adapters', name) };
}

describe('create-adapter', function () {
  this.timeout(180_000);

  it('spells a name for packages, classes, modules and constants', () => {
    expect(nameForms('line-works')).to.deep.equal({
      kebab: 'line-works',
      pascal: 'LineWorks',
      camel: 'lineWorks',
      constant: 'LINE_WORKS',
    });
    expect(AdapterName.safeParse('Viber').success).to.equal(false);
    expect(AdapterName.safeParse('viber-').success).to.equal(false);
  });

  it('takes package names by npm rules', () => {
    for (const name of ['tvox-connector-adapter-viber', '@acme/tvox-adapter-viber', 'a.b_c'])
      expect(PackageName.safeParse(name).success, name).to.equal(true);
    for (const name of [
      'Viber',
      'my adapter',
      '.hidden',
      '_private',
      '@acme',
      '@acme/',
      '@/x',
      'fs',
      'node_modules',
      'x!',
      'a'.repeat(215),
    ])
      expect(PackageName.safeParse(name).success, name).to.equal(false);
  });

  it('writes to adapters/<name> inside the repository, to ./<name> anywhere else', () => {
    expect(findRepositoryRoot(join(repo, 'packages', 'cli', 'not-yet'))).to.equal(repo);
    expect(defaultAdapterDirectory('viber', join(repo, 'packages'))).to.equal(
      join(repo, 'adapters', 'viber'),
    );
    expect(findRepositoryRoot(tmpdir())).to.equal(undefined);
    expect(defaultAdapterDirectory('viber', tmpdir())).to.equal(join(tmpdir(), 'viber'));
  });

  it('refuses invalid options and a folder that is not empty, writing nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tvox-scaffold-refused-'));
    try {
      const badName = await expectRejection(
        scaffoldAdapter({
          name: 'My Network',
          directory: join(folder, 'x'),
          packageName: '@Acme/Viber',
        }),
      );
      if (!(badName instanceof InvalidInputError))
        expect.fail(`not an InvalidInputError: ${badName}`);
      expect(badName.issues.map((i) => i.path)).to.deep.equal(['name', 'packageName']);
      expect(badName.message).to.include('lower case only, as npm requires');
      const oneWord = await expectRejection(
        scaffoldAdapter({ name: 'viber', directory: join(folder, 'x'), packageName: 'viber' }),
      );
      expect(oneWord.message).to.include('give the name a dash or a scope');
      const outside = await expectRejection(
        scaffoldAdapter({ name: 'viber', directory: join(folder, 'x'), layout: 'workspace' }),
      );
      expect(outside).to.be.instanceOf(InvalidInputError);
      expect(outside.message).to.include('not inside the tvox-connector repository');
      await writeFile(join(folder, 'keep.txt'), 'mine');
      const notEmpty = await expectRejection(scaffoldAdapter({ name: 'viber', directory: folder }));
      expect(notEmpty).to.be.instanceOf(InvalidInputError);
      expect(await readdir(folder)).to.deep.equal(['keep.txt']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('runs as the create-tvox-adapter command, standalone outside the repository', async () => {
    const bin = join(__dirname, '..', 'dist', 'bin.js');
    const folder = await mkdtemp(join(tmpdir(), 'tvox-scaffold-bin-'));
    try {
      const { stdout } = await execute(process.execPath, [bin, 'viber'], { cwd: folder });
      expect(stdout).to.contain(`Created tvox-connector-adapter-viber (standalone) in ${folder}`);
      expect(stdout).to.contain('Next: cd viber && npm install');
      expect(await readdir(join(folder, 'viber', 'src', 'webhook'))).to.deep.equal([
        'parse.ts',
        'verify.ts',
      ]);
      const manifest = JSON.parse(
        await readFile(join(folder, 'viber', 'package.json'), 'utf8'),
      ) as { name: string };
      expect(manifest.name).to.equal('tvox-connector-adapter-viber');
      const usage = await execute(process.execPath, [bin, '--help']);
      expect(usage.stdout).to.match(/^Usage: create-tvox-adapter <name>/);
      const unknown = await execute(process.execPath, [bin, 'viber', '--colour']).then(
        () => expect.fail('an unknown option was taken'),
        (error: unknown) => error as { code: number; stderr: string },
      );
      expect(unknown.code).to.equal(2);
      expect(unknown.stderr).to.include('--colour');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('scaffolds a workspace package inside the repository that builds, its suite red with NotImplementedError', async () => {
    const name = 'line-works';
    const { root, adapter } = await workspaceFor(name);
    try {
      const result = await scaffoldAdapter({ name, directory: adapter });
      expect(result.layout).to.equal('workspace');
      expect(result.files).to.deep.equal([
        'README.md',
        'package.json',
        'src/api/line-works-client.ts',
        'src/index.ts',
        'src/line-works-adapter.ts',
        'src/line-works-module.ts',
        'src/line-works-settings.ts',
        'src/webhook/parse.ts',
        'src/webhook/verify.ts',
        'test/conformance.spec.ts',
        'test/support/fake-line-works-api.ts',
        'test/support/line-works-fixtures.ts',
        'tsconfig.json',
      ]);
      const manifest = JSON.parse(await readFile(join(adapter, 'package.json'), 'utf8')) as {
        name: string;
      };
      expect(manifest.name).to.equal('@tvox-connector/adapter-line-works');
      const leftovers: string[] = [];
      for (const file of result.files) {
        const text = await readFile(join(adapter, file), 'utf8');
        if (/__(name|Name|NAME|camelName|version)__/.test(text)) leftovers.push(file);
      }
      expect(leftovers, 'placeholders left in the scaffold').to.deep.equal([]);

      const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
      await node([tsc, '-p', join(adapter, 'tsconfig.json')]);
      await writeFile(
        join(root, 'tsconfig.check.json'),
        JSON.stringify({
          extends: './tsconfig.base.json',
          compilerOptions: { composite: false, incremental: false, noEmit: true, rootDir: '.' },
          include: [`adapters/${name}/test`],
        }),
      );
      await node([tsc, '-p', join(root, 'tsconfig.check.json')]);

      const mocha = join(repo, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const outcome = await execute(
        process.execPath,
        [
          mocha,
          '--no-config',
          '-r',
          'ts-node/register',
          '-r',
          'reflect-metadata',
          '--extension',
          'ts',
          '--reporter',
          'json',
          join(adapter, 'test', 'conformance.spec.ts'),
        ],
        {
          cwd: root,
          env: {
            ...process.env,
            TS_NODE_TRANSPILE_ONLY: 'true',
            TS_NODE_PROJECT: join(repo, 'tsconfig.check.json'),
          },
          maxBuffer: 64 * 1024 * 1024,
        },
      ).then(
        () =>
          expect.fail('the scaffold’s suite passed: it must be red until the adapter is written'),
        (error: unknown) => (error as { stdout: string }).stdout,
      );
      const report = JSON.parse(outcome) as {
        stats: { tests: number; passes: number; failures: number };
        failures: MochaFailure[];
      };
      expect(report.stats.passes, 'tests passing on an empty adapter').to.equal(0);
      expect(report.stats.failures).to.be.greaterThan(15);
      const notImplemented = report.failures.filter(
        (f) =>
          f.err.code === 'TVOX_ERR_NOT_IMPLEMENTED' &&
          (f.err.message ?? '').includes('is not implemented yet'),
      );
      expect(
        report.failures
          .filter((f) => !notImplemented.includes(f))
          .map((f) => `${f.fullTitle}: ${f.err.message ?? ''}`),
      ).to.deep.equal([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
