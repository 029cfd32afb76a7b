import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { InvalidInputError, parseInput } from '@tvox-connector/core';
import { AdapterName, nameForms, type NameForms } from './adapter-names.js';

/** What {@link scaffoldAdapter} makes. */
export interface ScaffoldOptions {
  /** The network's name, e.g. `viber` (lower case, digits and dashes). */
  readonly name: string;
  /** The folder to create, e.g. `adapters/viber`; it must not exist or be empty. */
  readonly directory: string;
}

/** What {@link scaffoldAdapter} wrote. */
export interface ScaffoldResult {
  readonly directory: string;
  /** Paths of the files written, relative to `directory`, sorted. */
  readonly files: readonly string[];
}

/** The templates shipped with this package. */
export const TEMPLATES_DIRECTORY = join(__dirname, '..', 'templates');
const TEMPLATE_SUFFIX = '.tmpl';

async function templateFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(TEMPLATE_SUFFIX))
    .map((e) => relative(directory, join(e.parentPath, e.name)))
    .sort();
}

function fill(text: string, names: NameForms, version: string): string {
  return text
    .replaceAll('__name__', names.kebab)
    .replaceAll('__Name__', names.pascal)
    .replaceAll('__camelName__', names.camel)
    .replaceAll('__NAME__', names.constant)
    .replaceAll('__version__', version);
}

async function isEmptyOrMissing(directory: string): Promise<boolean> {
  try {
    if (!(await stat(directory)).isDirectory()) return false;
  } catch {
    return true;
  }
  return (await readdir(directory)).length === 0;
}

async function ownVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(__dirname, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * Writes a new channel adapter package in the house layout: `webhook/verify.ts`,
 * `webhook/parse.ts`, `api/<name>-client.ts`, a zod settings schema, the adapter class, a
 * ContainerModule with a plain factory, a README, and a spec that runs the adapter conformance
 * suite against a fake of the network's API. It builds as it is; every step the author has to
 * write throws `NotImplementedError` saying what to do, so the suite is red until they do.
 * Throws `InvalidInputError` for an invalid name or a folder that is not empty.
 */
export async function scaffoldAdapter(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const name = parseInput(AdapterName, options.name, 'adapter name');
  if (!(await isEmptyOrMissing(options.directory))) {
    throw new InvalidInputError('adapter folder', [
      { path: 'directory', message: `${options.directory} exists and is not empty` },
    ]);
  }
  const names = nameForms(name);
  const version = await ownVersion();
  const written: string[] = [];
  for (const template of await templateFiles(TEMPLATES_DIRECTORY)) {
    const target = fill(template.slice(0, -TEMPLATE_SUFFIX.length), names, version);
    const text = await readFile(join(TEMPLATES_DIRECTORY, template), 'utf8');
    await mkdir(dirname(join(options.directory, target)), { recursive: true });
    await writeFile(join(options.directory, target), fill(text, names, version));
    written.push(target);
  }
  return { directory: options.directory, files: written.sort() };
}
