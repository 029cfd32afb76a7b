import { dirname, resolve } from 'node:path';

/** The folder paths in a configuration start from: its file's, else the working folder. */
export function configDirectory(file: string | undefined): string {
  return file === undefined ? process.cwd() : dirname(resolve(file));
}
