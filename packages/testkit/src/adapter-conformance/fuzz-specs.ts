import {
  InboundActivity,
  InvalidInputError,
  SignatureError,
  isTvoxError,
  type ParseResult,
} from '@tvox-connector/core';
import { expect } from 'chai';
import fc from 'fast-check';
import type { AdapterHarness } from './harness.js';
import type { ConformanceNetwork } from './options.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value, the root included. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value))
    return [...here, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value !== null && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  }
  return here;
}

/** `value` with the node at `path` replaced by `replacement` (or removed when it is undefined). */
function replaceAt(value: Json, path: readonly (string | number)[], replacement?: Json): Json {
  const [head, ...rest] = path;
  if (head === undefined) return replacement ?? null;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = replaceAt(copy[Number(head)] ?? null, rest, replacement);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    if (rest.length === 0 && replacement === undefined) {
      return Object.fromEntries(Object.entries(value).filter(([key]) => key !== String(head)));
    }
    return { ...value, [head]: replaceAt(value[head] ?? null, rest, replacement) };
  }
  return value;
}

/** Bodies derived from a valid one: one node replaced by any JSON value, or removed. */
function mutations(body: string): fc.Arbitrary<string> {
  const parsed = JSON.parse(body) as Json;
  const paths = pathsOf(parsed);
  return fc
    .record({
      path: fc.constantFrom(...paths),
      replacement: fc.option(fc.jsonValue() as fc.Arbitrary<Json>, { nil: undefined }),
    })
    .map(({ path, replacement }) => JSON.stringify(replaceAt(parsed, path, replacement)));
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Parsing and verifying arbitrary input: typed errors only, valid activities only. */
export function fuzzSpecs<N extends ConformanceNetwork>(h: AdapterHarness<N>): void {
  describe('fuzzing (fast-check)', () => {
    const runs = () => h.options.fuzzRuns ?? 200;
    const bodies = () => {
      const valid = [
        h.fixtures.textMessage({ id: 1, text: 'fuzz', sentAt: new Date('2026-03-02T09:30:00Z') }),
        ...h.fixtures.unsupported.map((u) => u.body),
      ].filter(isJson);
      // Mutations walk JSON bodies; a network that posts forms gets arbitrary strings only.
      if (valid.length === 0) return fc.oneof(fc.string(), fc.json());
      return fc.oneof(fc.string(), fc.json(), fc.constantFrom(...valid).chain(mutations));
    };

    it('parses any signed body into valid activities, or refuses it with InvalidInputError', async () => {
      await fc.assert(
        fc.asyncProperty(bodies(), async (body) => {
          const request = h.webhook(body, h.fixtures.authenticate(Buffer.from(body)));
          let result: ParseResult;
          try {
            await h.adapter.verify(request);
            result = await h.adapter.parse(request);
          } catch (error) {
            expect(error, isTvoxError(error) ? error.message : String(error)).to.be.instanceOf(
              InvalidInputError,
            );
            return;
          }
          if (result.kind !== 'activities') return;
          for (const activity of result.activities) {
            const checked = InboundActivity.safeParse(activity);
            expect(checked.success, checked.error?.message).to.equal(true);
          }
        }),
        { numRuns: runs() },
      );
    });

    it('refuses any body with forged credentials with SignatureError, before parsing', async () => {
      await fc.assert(
        fc.asyncProperty(bodies(), async (body) => {
          const request = h.webhook(body, h.fixtures.forge(Buffer.from(body)));
          let thrown: unknown;
          try {
            await h.adapter.verify(request);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).to.be.instanceOf(SignatureError);
        }),
        { numRuns: runs() },
      );
    });
  });
}
