import { ChannelId } from '@tvox-connector/core';
import { z } from 'zod';

/**
 * An adapter's name: the network, in lower case with dashes (`viber`, `line-works`). It names the
 * default package (`tvox-connector-adapter-<name>`, or `@tvox-connector/adapter-<name>` in the
 * repository), the default folder, the files, classes and constants.
 */
export const AdapterName = ChannelId.refine((name) => !name.endsWith('-'), {
  message: 'expected a name that does not end with a dash',
});
/** An adapter's name. */
export type AdapterName = z.infer<typeof AdapterName>;

/** The spellings of one adapter name that the templates use. */
export interface NameForms {
  /** `line-works`: packages, folders, files, the network id. */
  readonly kebab: string;
  /** `LineWorks`: classes and types. */
  readonly pascal: string;
  /** `lineWorks`: the module constant. */
  readonly camel: string;
  /** `LINE_WORKS`: constants. */
  readonly constant: string;
}

/** Every spelling of `name` (already valid). */
export function nameForms(name: AdapterName): NameForms {
  const words = name.split('-').filter((w) => w !== '');
  const pascal = words.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`).join('');
  return {
    kebab: name,
    pascal,
    camel: `${pascal.charAt(0).toLowerCase()}${pascal.slice(1)}`,
    constant: words.map((w) => w.toUpperCase()).join('_'),
  };
}
