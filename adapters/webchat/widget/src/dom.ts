/**
 * A small element builder. Data only reaches the page as text nodes or attribute values, never as
 * HTML, so a message cannot inject markup.
 */

/** What may be placed inside an element; strings become text nodes, empty values are skipped. */
export type Child = Node | string | null | undefined | false;

export interface Props {
  readonly class?: string;
  /** `data-testid`, for the browser tests. */
  readonly testid?: string;
  /** Attributes; `undefined` and `false` leave one out, `true` sets it empty. */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
}

/** Creates `<tag>` with the given props and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class !== undefined) element.className = props.class;
  if (props.testid !== undefined) element.dataset.testid = props.testid;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(
    ...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false),
  );
  return element;
}

/** `url` when it is an http(s) address a link may point to, otherwise undefined. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A random id for a message, from the browser's cryptographic generator (any page, even http). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
