/**
 * A small element builder. Data only ever reaches the page as text nodes or attribute values
 * (`textContent` / `setAttribute`), never as HTML, so a contact name cannot inject markup.
 */

/** What may be placed inside an element; strings become text nodes, empty values are skipped. */
export type Child = Node | string | null | undefined | false;

type Handlers = { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };

export interface Props {
  readonly class?: string;
  /** `data-testid`, for the browser tests. */
  readonly testid?: string;
  /** Attributes; `undefined` and `false` leave one out, `true` sets it empty. */
  readonly attrs?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly on?: Handlers;
}

/** Creates `<tag>` with the given props and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
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
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    element.addEventListener(type, handler as EventListener);
  }
  element.append(...nodes(children));
  return element;
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...nodes(children));
}

function nodes(children: readonly Child[]): (Node | string)[] {
  return children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false);
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

/**
 * Runs `render`, which rebuilds part of `container`, and gives focus back to the element with
 * the same `data-focus-key` if focus was inside before: live refreshes must not steal the focus
 * of an agent working with the keyboard.
 */
export function keepingFocus(container: Element, render: () => void): void {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && container.contains(active)
      ? active.dataset.focusKey
      : undefined;
  render();
  if (key === undefined) return;
  const again = container.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
  again?.focus();
}
