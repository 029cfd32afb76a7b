import { expect } from 'chai';
import fc from 'fast-check';
import {
  TemplateSyntaxError,
  parseTemplate,
  renderTemplate,
  textOf,
  type Template,
} from '@tvox-connector/core';

/** A variable name as templates write it: `a`, `contact.phone`, `x_1.y`. */
const variableName = fc.stringMatching(/^[A-Za-z_]\w{0,5}(\.[A-Za-z_]\w{0,5}){0,2}$/);
/** A value a variable may have; `undefined`, `null` and `''` are missing. */
const present = fc.oneof(
  fc.string({ minLength: 1 }),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string(), { maxKeys: 2 }),
);
const missing = fc.constantFrom(undefined, null, '');
/** Literal text written so that it parses as itself: braces doubled. */
const escaped = (text: string): string => text.replaceAll('{', '{{').replaceAll('}', '}}');

/** Parses, or returns the error it threw. */
function tryParse(source: string): Template | Error {
  try {
    return parseTemplate(source);
  } catch (error) {
    return error instanceof Error ? error : new Error(`threw ${String(error)}`);
  }
}

describe('template properties', () => {
  it('parses any text or throws TemplateSyntaxError; what parses renders without throwing', () => {
    const braced = fc
      .array(fc.oneof(fc.constantFrom('{', '}', '|', '.', '[]', ' '), variableName, fc.string()))
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), braced),
        fc.func(fc.oneof(present, missing)),
        (source, lookup) => {
          const parsed = tryParse(source);
          if (parsed instanceof Error) {
            expect(parsed).to.be.instanceOf(TemplateSyntaxError);
            return;
          }
          renderTemplate(parsed, lookup);
        },
      ),
    );
  });

  it('reads doubled braces as literal braces', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const template = parseTemplate(escaped(text));
        expect(template.variables).to.deep.equal([]);
        expect(renderTemplate(template, () => 'unused')).to.equal(text);
      }),
    );
  });

  it('renders a sole placeholder as the value itself, of its own type', () => {
    fc.assert(
      fc.property(variableName, present, (name, value) => {
        expect(renderTemplate(parseTemplate(`{${name}}`), () => value)).to.equal(value);
      }),
    );
  });

  it('renders a mixed template as text, or nothing when one of its values is missing', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.array(fc.tuple(variableName, fc.option(present, { nil: undefined }), fc.string()), {
          minLength: 1,
          maxLength: 4,
        }),
        missing,
        (head, slots, none) => {
          const values = new Map(slots.map(([name, value]) => [name, value]));
          const source = escaped(head) + slots.map(([n, , t]) => `{${n}}${escaped(t)}`).join('');
          const rendered = renderTemplate(
            parseTemplate(source),
            (name) => values.get(name) ?? none,
          );
          const expected = slots.some(([name]) => values.get(name) === undefined)
            ? undefined
            : head + slots.map(([name, , t]) => `${textOf(values.get(name))}${t}`).join('');
          expect(rendered).to.deep.equal(expected);
        },
      ),
    );
  });

  it('takes the first alternative that has a value', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(variableName, { minLength: 1, maxLength: 4 }),
        fc.array(fc.oneof(present, missing), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (names, values, sole) => {
          const of = (name: string) => values[names.indexOf(name)];
          const slot = `{${names.join(' | ')}}`;
          const first = names.map(of).find((v) => v !== undefined && v !== null && v !== '');
          const rendered = renderTemplate(parseTemplate(sole ? slot : `<${slot}>`), of);
          if (sole) expect(rendered).to.equal(first);
          else expect(rendered).to.equal(first === undefined ? undefined : `<${textOf(first)}>`);
        },
      ),
    );
  });
});
