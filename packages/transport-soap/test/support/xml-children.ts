import { XMLParser } from 'fast-xml-parser';

type Ordered = Record<string, unknown>[];
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true });

const localName = (tag: string): string => tag.slice(tag.indexOf(':') + 1);
const tagOf = (node: Record<string, unknown>): string | undefined =>
  Object.keys(node).find((key) => key !== ':@' && key !== '#text');

/**
 * The local names of the children of every element named `local` in `xml`, in document order,
 * one list per such element: what a strict service checks a sequence against.
 */
export function childrenOf(xml: string, local: string): string[][] {
  const found: string[][] = [];
  const walk = (nodes: Ordered): void => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === undefined) continue;
      const children = node[tag] as Ordered;
      if (localName(tag) === local)
        found.push(children.flatMap((child) => tagOf(child) ?? []).map(localName));
      walk(children);
    }
  };
  walk(parser.parse(xml) as Ordered);
  return found;
}
