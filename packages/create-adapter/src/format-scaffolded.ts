import { format, type Options } from 'prettier';

/**
 * The prettier options of a scaffolded package: the repository's, which a standalone package
 * also carries in its package.json, so that its `npm run lint` agrees with what was written.
 */
const OPTIONS: Options = { printWidth: 100, singleQuote: true, trailingComma: 'all' };
/** The files prettier checks in a scaffolded package. */
const FORMATTED = /\.(?:ts|mjs|json|md)$/;

/**
 * `text` as prettier writes it: names of any length change where lines break, so the scaffold is
 * formatted once filled, not kept formatted in its templates.
 */
export async function formatScaffolded(path: string, text: string): Promise<string> {
  return FORMATTED.test(path) ? format(text, { ...OPTIONS, filepath: path }) : text;
}
