import { XMLParser } from 'fast-xml-parser';

type Tree = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/**
 * The namespace of every element named `local` in `xml`, resolving prefixes and default
 * namespaces (undefined for an element in no namespace): tells qualified children from
 * unqualified ones whatever prefixes a serializer chose.
 */
export function namespacesOf(xml: string, local: string): (string | undefined)[] {
  const found: (string | undefined)[] = [];
  const walk = (element: Tree, scope: Readonly<Record<string, string>>): void => {
    for (const [name, value] of Object.entries(element)) {
      if (name.startsWith('@') || name === '#text') continue;
      for (const item of Array.isArray(value) ? value : [value]) {
        const node = typeof item === 'object' && item !== null ? (item as Tree) : {};
        const inner: Record<string, string> = { ...scope };
        for (const [attribute, text] of Object.entries(node)) {
          const declared = /^@xmlns(?::(\w+))?$/.exec(attribute);
          if (declared && typeof text === 'string') inner[declared[1] ?? ''] = text;
        }
        const [prefix, bare] = name.includes(':') ? name.split(':') : ['', name];
        if (bare === local) found.push(inner[prefix ?? '']);
        walk(node, inner);
      }
    }
  };
  walk(parser.parse(xml) as Tree, {});
  return found;
}
