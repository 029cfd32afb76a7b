import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContractMismatchError,
  type SendMessageRequest,
  type TvoxEvent,
  type TransportConfig,
} from '@tvox-connector/core';
import { expectRejection } from '@tvox-connector/testkit';
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

/** A customer message with two attachments, to see how a release writes a list. */
export const TWO_FILES: SendMessageRequest = {
  session: { id: 's1' },
  message: {
    id: 'm1',
    text: 'two files',
    sentAt: '2026-11-25T09:00:00Z',
    attachments: [
      { name: 'a.pdf', contentType: 'application/pdf', size: 10, url: 'https://f/a' },
      { name: 'b.png', contentType: 'image/png', size: 20, url: 'https://f/b' },
    ],
  },
};

/**
 * The events both releases' fixtures send, one of each kind from `first` on, at `at`: ASSIGNED to
 * a1, a message from a1 with one attachment (a list of one), a1 typing.
 */
export function oneOfEachKind(first: number, at: string): TvoxEvent[] {
  const head = (offset: number) => ({ sequence: first + offset, sessionId: 's1', at });
  return [
    { type: 'statusChanged', ...head(0), status: 'ASSIGNED', agentCode: 'a1' },
    {
      type: 'agentMessage',
      ...head(1),
      messageId: 'm1',
      agentCode: 'a1',
      attachments: [
        { name: 'a.pdf', contentType: 'application/pdf', size: 42, url: 'https://f/a' },
      ],
    },
    { type: 'agentTyping', ...head(2), agentCode: 'a1' },
  ];
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
    if (!(error instanceof ContractMismatchError)) throw error;
    return error.gaps.map((g) => g.expected);
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
