import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';

const coreRoot = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('package boundaries', () => {
  it('core imports no other package of ours', () => {
    const offenders = sourceFiles(join(coreRoot, 'src')).flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /(?:from|import|require\()\s*['"](@tvox-connector\/[^'"]+)['"]/g,
        ),
      ].map((m) => `${relative(coreRoot, file)} imports ${m[1]}`),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('core declares no dependency on another package of ours', () => {
    const manifest = JSON.parse(readFileSync(join(coreRoot, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    const declared = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
      Object.keys(manifest[field] ?? {}),
    );
    expect(declared.filter((name) => name.startsWith('@tvox-connector/'))).to.deep.equal([]);
  });

  it('core reaches no file outside its own folder', () => {
    const escaping = sourceFiles(join(coreRoot, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s*['"](\.\.?\/[^'"]+)['"]/g)]
        .map((m) => join(file, '..', m[1]!))
        .filter((target) => relative(join(coreRoot, 'src'), target).startsWith('..'))
        .map((target) => `${relative(coreRoot, file)} → ${target}`),
    );
    expect(escaping).to.deep.equal([]);
  });
});
