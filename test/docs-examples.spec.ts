import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'chai';
import ts from 'typescript';

const ROOT = join(__dirname, '..');

/** The documents whose examples must compile: every package's README and the docs. */
function documents(): string[] {
  const inFolder = (folder: string, name: (entry: string) => string) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(ROOT, folder, name(entry.name)));
  return [
    join(ROOT, 'README.md'),
    join(ROOT, 'core', 'README.md'),
    ...inFolder('packages', (name) => join(name, 'README.md')),
    ...inFolder('adapters', (name) => join(name, 'README.md')),
    ...readdirSync(join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => join(ROOT, 'docs', name)),
  ];
}

/** One TypeScript example of a document. */
interface Example {
  /** Where it is, for messages: `adapters/telegram/README.md #2`. */
  readonly name: string;
  /** A file beside the repository's packages, so that their names resolve as a user's would. */
  readonly path: string;
  readonly code: string;
}

/**
 * The complete TypeScript examples of the documents: blocks fenced as `ts`. A block that only
 * continues another, or stands in a package of the reader's own, says so with `ts fragment` and
 * is left out.
 */
function examples(): Example[] {
  return documents().flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return [];
    }
    return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match, index) => ({
      name: `${relative(ROOT, file)} #${index + 1}`,
      path: join(
        ROOT,
        'test',
        'docs-examples',
        `${relative(ROOT, file).replace(/\W/g, '-')}-${index}.mts`,
      ),
      // An ES module, as a user's program would be: top-level await works.
      code: `${match[1] ?? ''}\nexport {};\n`,
    }));
  });
}

describe('examples in the READMEs and docs', function () {
  this.timeout(120_000);

  it('compile under strict TypeScript against the packages, as a user would write them', () => {
    const found = examples();
    expect(found.length, 'examples found').to.be.greaterThan(10);
    const options: ts.CompilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ['node'],
    };
    const byPath = new Map(found.map((example) => [example.path, example]));
    const host = ts.createCompilerHost(options);
    const sourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (path, language, ...rest) => {
      const example = byPath.get(path);
      return example === undefined
        ? sourceFile(path, language, ...rest)
        : ts.createSourceFile(path, example.code, language);
    };
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (path) => byPath.has(path) || fileExists(path);
    const readFile = host.readFile.bind(host);
    host.readFile = (path) => byPath.get(path)?.code ?? readFile(path);
    const program = ts.createProgram([...byPath.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).flatMap((diagnostic) => {
      const example = byPath.get(diagnostic.file?.fileName ?? '');
      if (example === undefined) return [];
      const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? {
        line: 0,
      };
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      return [`${example.name}, line ${line + 1}: ${text}`];
    });
    expect(problems, 'examples that do not compile').to.deep.equal([]);
  });
});
