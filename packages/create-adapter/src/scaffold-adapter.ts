import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InvalidInputError, parseInput } from '@tvox-connector/core';
import { z } from 'zod';
import { AdapterName, nameForms } from './adapter-names.js';
import { AdapterLayout, findRepositoryRoot } from './adapter-layout.js';
import { formatScaffolded } from './format-scaffolded.js';
import { PackageName, defaultPackageName } from './package-name.js';

/** What {@link scaffoldAdapter} makes. */
export interface ScaffoldOptions {
  /** The network's name, e.g. `viber` (lower case, digits and dashes). */
  readonly name: string;
  /** The folder to create, e.g. `viber`; it must not exist or be empty. */
  readonly directory: string;
  /**
   * The npm package name, scoped or not (`@acme/tvox-adapter-viber`). By default
   * `tvox-connector-adapter-<name>` for a standalone package, `@tvox-connector/adapter-<name>`
   * in the repository.
   */
  readonly packageName?: string;
  /**
   * `workspace` when `directory` lies inside the tvox-connector repository, `standalone`
   * otherwise, unless given.
   */
  readonly layout?: AdapterLayout;
}

/** What {@link scaffoldAdapter} wrote. */
export interface ScaffoldResult {
  readonly directory: string;
  readonly packageName: string;
  readonly layout: AdapterLayout;
  /** Paths of the files written, relative to `directory`, sorted. */
  readonly files: readonly string[];
}

/** The templates shipped with this package: `common/` for every layout, then one folder per layout. */
export const TEMPLATES_DIRECTORY = join(__dirname, '..', 'templates');
const TEMPLATE_SUFFIX = '.tmpl';
/** npm leaves dotfiles such as `.gitignore` out of a tarball: their templates are `dot-<name>`. */
const DOTFILE_PREFIX = 'dot-';

const ScaffoldInput = z.object({
  name: AdapterName,
  directory: z.string().min(1, 'expected the folder to write the adapter to'),
  packageName: PackageName.refine((name) => name.startsWith('@') || name.includes('-'), {
    message:
      'a connector reads a single word as one of ours (adapter: viber is @tvox-connector/adapter-viber); ' +
      'give the name a dash or a scope',
  }).optional(),
  layout: AdapterLayout.optional(),
});

async function templateFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(TEMPLATE_SUFFIX))
    .map((e) => relative(directory, join(e.parentPath, e.name)))
    .sort();
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values).reduce(
    (filled, [key, value]) => filled.replaceAll(key, value),
    text,
  );
}

function targetPath(template: string, values: Readonly<Record<string, string>>): string {
  return fill(template.slice(0, -TEMPLATE_SUFFIX.length), values)
    .split(sep)
    .map((part) =>
      part.startsWith(DOTFILE_PREFIX) ? `.${part.slice(DOTFILE_PREFIX.length)}` : part,
    )
    .join(sep);
}

async function isEmptyOrMissing(directory: string): Promise<boolean> {
  try {
    if (!(await stat(directory)).isDirectory()) return false;
  } catch {
    return true;
  }
  return (await readdir(directory)).length === 0;
}

/**
 * This package's version. The `@tvox-connector` packages are released together at one version
 * (lerna's fixed mode), so it is also the version of the core and testkit the scaffold depends on.
 */
async function ownVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Writes a new channel adapter package: `webhook/verify.ts`, `webhook/parse.ts`,
 * `api/<name>-client.ts`, a zod settings schema, the adapter class, a ContainerModule with a
 * plain factory, a README, and a spec that runs the adapter conformance suite against a fake of
 * the network's API. A `standalone` package also gets its own tsconfig, scripts (build, test,
 * lint, format), eslint and prettier configurations and dependencies on the published
 * `@tvox-connector` packages; a `workspace` one is built and checked by the repository's root.
 * It builds as it is; every step the author has to write throws `NotImplementedError` saying
 * what to do, so the suite is red until they do. Throws `InvalidInputError` listing every invalid
 * option (name, package name, layout), or for a folder that is not empty, and then writes nothing.
 */
export async function scaffoldAdapter(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const input = parseInput(ScaffoldInput, options, 'adapter scaffold options');
  if (!(await isEmptyOrMissing(input.directory))) {
    throw new InvalidInputError('adapter folder', [
      { path: 'directory', message: `${input.directory} exists and is not empty` },
    ]);
  }
  const repositoryRoot = findRepositoryRoot(input.directory);
  const layout = input.layout ?? (repositoryRoot === undefined ? 'standalone' : 'workspace');
  if (layout === 'workspace' && repositoryRoot === undefined) {
    throw new InvalidInputError('adapter scaffold options', [
      {
        path: 'layout',
        message: `${input.directory} is not inside the tvox-connector repository; use the standalone layout`,
      },
    ]);
  }
  const names = nameForms(input.name);
  const packageName =
    input.packageName ??
    (layout === 'workspace'
      ? `@tvox-connector/adapter-${input.name}`
      : defaultPackageName(input.name));
  const values: Record<string, string> = {
    __name__: names.kebab,
    __Name__: names.pascal,
    __camelName__: names.camel,
    __NAME__: names.constant,
    __version__: await ownVersion(),
    __packageName__: packageName,
    __repositoryRoot__:
      repositoryRoot === undefined
        ? '.'
        : relative(resolve(input.directory), repositoryRoot).split(sep).join('/'),
  };
  const written: string[] = [];
  for (const folder of ['common', layout]) {
    const templates = join(TEMPLATES_DIRECTORY, folder);
    for (const template of await templateFiles(templates)) {
      const target = targetPath(template, values);
      const text = await readFile(join(templates, template), 'utf8');
      await mkdir(dirname(join(input.directory, target)), { recursive: true });
      await writeFile(
        join(input.directory, target),
        await formatScaffolded(target, fill(text, values)),
      );
      written.push(target.split(sep).join('/'));
    }
  }
  return { directory: input.directory, packageName, layout, files: written.sort() };
}
