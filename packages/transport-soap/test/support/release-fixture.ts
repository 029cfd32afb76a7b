import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContractMismatchError, type TransportConfig } from '@tvox-connector/core';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { createSoapTransport, type SoapTransport } from '@tvox-connector/transport-soap';
import { FakeTvox, envelope, type FakeAnswer, type FakeDescription } from './fake-tvox';
import { soapConfig } from './simulator-harness';

/** The folder of the hand-written releases. */
export const FIXTURES = join(__dirname, '..', 'fixtures');

/** The profile file of the release `name` in {@link FIXTURES}. */
export function fixtureProfile(name: string): string {
  return join(FIXTURES, `${name}.profile.yaml`);
}

/**
 * The description documents of the release `name` in {@link FIXTURES}: `<name>.wsdl`, and
 * `<name>.xsd` served as `?xsd=1` when there is one, with `TVOX_URL` standing for the fake's URL
 * (a CXF builds both addresses from the Host it was asked with).
 */
export function fixtureDescription(name: string): FakeDescription {
  const read = (file: string) => (url: string) =>
    readFileSync(join(FIXTURES, file), 'utf8').replaceAll('TVOX_URL', url);
  const xsd = `${name}.xsd`;
  return existsSync(join(FIXTURES, xsd))
    ? { wsdl: read(`${name}.wsdl`), xsd: read(xsd) }
    : { wsdl: read(`${name}.wsdl`) };
}

/** A 200 answer whose SOAP body is `body`. */
export function soapAnswer(body: string): FakeAnswer {
  return { status: 200, body: envelope(body) };
}

/** A scripted fake serving a hand-written release, and the transports made against it. */
export class ReleaseUnderTest {
  private readonly transports: SoapTransport[] = [];
  private scratch: string | undefined;

  private constructor(readonly fake: FakeTvox) {}

  /** Serves the release `name` of {@link FIXTURES}. */
  static async serve(name: string): Promise<ReleaseUnderTest> {
    return new ReleaseUnderTest(await new FakeTvox(fixtureDescription(name)).start());
  }

  /** A transport (not started) with the profile file `profile`. */
  transport(profile: string, overrides: Partial<TransportConfig['tvox']> = {}): SoapTransport {
    const transport = createSoapTransport(
      soapConfig(this.fake.url, 'C1', { profile, ...overrides }),
    );
    this.transports.push(transport);
    return transport;
  }

  /** Writes a profile that `extends:` the file `base` with the YAML `lines` added; its path. */
  extendProfile(base: string, lines: readonly string[]): string {
    this.scratch ??= mkdtempSync(join(tmpdir(), 'soap-release-'));
    const file = join(this.scratch, `profile-${this.transports.length}.yaml`);
    writeFileSync(
      file,
      [`name: ${base.replace(/\W+/g, '-')}-variant`, `extends: ${base}`, ...lines].join('\n'),
    );
    return file;
  }

  /** What `start()` of a transport with `profile` lists as gaps; it must fail with them. */
  async gapsAtStart(profile: string): Promise<string[]> {
    const error = await expectRejection(this.transport(profile).start());
    expect(error).to.be.instanceOf(ContractMismatchError);
    return (error as ContractMismatchError).gaps.map((g) => g.expected);
  }

  /** The body of the last SOAP call the fake received. */
  lastCall(): string {
    return this.fake.calls().at(-1) ?? '';
  }

  async stop(): Promise<void> {
    await Promise.all(this.transports.map((t) => t.stop()));
    await this.fake.stop();
    if (this.scratch !== undefined) rmSync(this.scratch, { recursive: true, force: true });
  }
}
