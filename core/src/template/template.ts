/**
 * The one template engine of the connector: contract profiles fill TVox fields with it
 * (`'{channel.id} · {contact.displayName}'`), customer notices their texts (`'{agentName} joined'`).
 *
 * Syntax: `{name}` or `{a.b}` is a placeholder; `{a|b}` takes the first of the variables that has
 * a value; `{{` and `}}` stand for literal braces. Rules for a value that is missing:
 * - a template that is exactly one placeholder renders the variable's value unchanged (a number
 *   stays a number, a list a list), or nothing when it has none;
 * - any other template renders a string, or nothing at all when one of its placeholders has no
 *   value: a field is left out rather than sent half-filled or empty.
 * An empty string is a missing value too, so a template never turns absence into `""`.
 */

/** One piece of a template: literal text, or a placeholder with its alternatives in order. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'slot'; readonly alternatives: readonly string[] };

/** A parsed template. */
export interface Template {
  /** The template as written. */
  readonly source: string;
  readonly parts: readonly TemplatePart[];
  /** Every variable it names, in order of appearance, once each. */
  readonly variables: readonly string[];
}

/** Looks a variable up; `undefined` when it has no value. */
export type VariableLookup = (name: string) => unknown;

const VARIABLE = /^[A-Za-z_][\w]*(\[\])?(\.[A-Za-z_][\w]*(\[\])?)*$/;

/** A template that cannot be parsed: says where and why. */
export class TemplateSyntaxError extends Error {
  constructor(
    readonly source: string,
    reason: string,
  ) {
    super(`template "${source}": ${reason}`);
    this.name = 'TemplateSyntaxError';
  }
}

/** Parses `source`; throws {@link TemplateSyntaxError} on an unbalanced brace or a bad name. */
export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? '';
    const next = source[i + 1];
    if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      text += char;
      i += 2;
      continue;
    }
    if (char === '}') throw new TemplateSyntaxError(source, `unmatched "}" at ${i}`);
    if (char !== '{') {
      text += char;
      i += 1;
      continue;
    }
    const end = source.indexOf('}', i + 1);
    if (end < 0) throw new TemplateSyntaxError(source, `unclosed "{" at ${i}`);
    const alternatives = source
      .slice(i + 1, end)
      .split('|')
      .map((name) => name.trim());
    for (const name of alternatives) {
      if (!VARIABLE.test(name))
        throw new TemplateSyntaxError(source, `"${name}" is not a variable name`);
    }
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'slot', alternatives });
    i = end + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  const variables = [...new Set(parts.flatMap((p) => (p.kind === 'slot' ? p.alternatives : [])))];
  return { source, parts, variables };
}

/** The single placeholder's alternatives when the template is exactly one placeholder. */
export function soleSlot(template: Template): readonly string[] | undefined {
  const [only, ...rest] = template.parts;
  return only?.kind === 'slot' && rest.length === 0 ? only.alternatives : undefined;
}

/** The variables `template` names that are not in `declared`. */
export function undeclaredVariables(
  template: Template,
  declared: ReadonlySet<string>,
): readonly string[] {
  return template.variables.filter((name) => !declared.has(name));
}

/**
 * What is wrong with a template's source for a context whose variables are `declared`: its
 * syntax, or each variable it names that the context does not have. Empty when it is fine.
 */
export function templateProblems(source: string, declared: readonly string[]): string[] {
  let template: Template;
  try {
    template = parseTemplate(source);
  } catch (error) {
    return [(error as Error).message];
  }
  return undeclaredVariables(template, new Set(declared)).map(
    (name) => `unknown variable {${name}}; use one of ${declared.map((d) => `{${d}}`).join(', ')}`,
  );
}

/** A value as text: objects and lists as JSON, anything else as `String` writes it. */
export function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function firstValue(alternatives: readonly string[], lookup: VariableLookup): unknown {
  for (const name of alternatives) {
    const value = lookup(name);
    if (present(value)) return value;
  }
  return undefined;
}

/** Renders `template` with the rules above; `undefined` means "leave the field out". */
export function renderTemplate(template: Template, lookup: VariableLookup): unknown {
  const sole = soleSlot(template);
  if (sole) return firstValue(sole, lookup);
  let out = '';
  for (const part of template.parts) {
    if (part.kind === 'text') {
      out += part.text;
      continue;
    }
    const value = firstValue(part.alternatives, lookup);
    if (value === undefined) return undefined;
    out += textOf(value);
  }
  return out;
}
