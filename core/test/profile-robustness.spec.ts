import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  ConfigError,
  ContractProfile,
  SHIPPED_PROFILES,
  compileProfile,
  encodeRequest,
  isTvoxError,
  loadProfile,
  readAnswer,
  readEvents,
  readPush,
  validate,
} from '@tvox-connector/core';
import { anyProfileInput, requestVariables, wireContent } from './profile-arbitraries';

/** Runs `action`; anything it throws must be one of the connector's typed errors. */
function onlyTypedErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(isTvoxError(error), (error as Error).stack).to.equal(true);
  }
}

const PROTOTYPE = Object.getOwnPropertyNames(Object.prototype);

/** Nothing a profile or the wire says may land on every object. */
function expectPrototypeUntouched(): void {
  expect(Object.getOwnPropertyNames(Object.prototype)).to.deep.equal(PROTOTYPE);
}

describe('profile robustness: random profiles and wire content', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'profile-props-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('compiles any profile that validates, or lists its issues; never throws', () => {
    fc.assert(
      fc.property(anyProfileInput, (input) => {
        const checked = validate(ContractProfile, input);
        if (!checked.ok) return;
        const result = compileProfile(checked.value);
        if (!result.ok) expect(result.issues).not.to.be.empty;
      }),
      { numRuns: 300 },
    );
  });

  it('encodes and reads through any compiled profile with typed errors only', () => {
    fc.assert(
      fc.property(
        anyProfileInput,
        requestVariables,
        wireContent,
        fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
        (input, variables, content, sessionId) => {
          const checked = validate(ContractProfile, input);
          if (!checked.ok) return;
          const result = compileProfile(checked.value);
          if (!result.ok) return;
          for (const operation of Object.values(result.profile.operations)) {
            onlyTypedErrors(() => encodeRequest(operation, variables));
            onlyTypedErrors(() =>
              readAnswer(operation, content, sessionId === undefined ? {} : { sessionId }),
            );
            onlyTypedErrors(() => readPush(operation, content));
            if (operation.events) readEvents(operation.events, content);
          }
          expectPrototypeUntouched();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('loads any YAML profile file, extending a shipped one or not, or throws ConfigError', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        anyProfileInput,
        fc.option(fc.constantFrom(...SHIPPED_PROFILES, './missing.yaml', './self.yaml'), {
          nil: undefined,
        }),
        async (input, parent) => {
          const path = join(folder, `profile-${file++}.yaml`);
          const raw =
            typeof input === 'object' &&
            input !== null &&
            !Array.isArray(input) &&
            parent !== undefined
              ? { ...input, extends: parent === './self.yaml' ? path : parent }
              : input;
          writeFileSync(path, raw === undefined ? '' : stringify(raw));
          try {
            await loadProfile(path);
          } catch (error) {
            expect(error, (error as Error).stack).to.be.instanceOf(ConfigError);
          }
          expectPrototypeUntouched();
        },
      ),
      { numRuns: 150 },
    );
  });
});
