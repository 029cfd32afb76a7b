import { NetworkApiError } from '@tvox-connector/core';
import { GraphApiError, GraphClient } from '@tvox-connector/meta-graph';
import {
  expectRejection,
  startFakeNetwork,
  type FakeNetwork,
  type FakeReply,
} from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';
import { z } from 'zod';

const TOKEN = 'EAAG-page-access-token-never-logged';
const SendAnswer = z.object({ recipient_id: z.string(), message_id: z.string() });

/** A Graph error body as Meta documents it. */
const graphError = (
  status: number,
  code: number,
  message: string,
  more: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): FakeReply => ({
  status,
  headers,
  body: { error: { message, type: 'OAuthException', code, ...more, fbtrace_id: 'AbCdEf123' } },
});

describe('GraphClient', () => {
  let network: FakeNetwork;
  let answers: FakeReply[];
  let client: GraphClient;

  beforeEach(async () => {
    answers = [];
    network = await startFakeNetwork({
      routes: [
        {
          method: 'POST',
          path: /\/v21\.0\/(?<page>\d+)\/messages/,
          reply: () =>
            answers.shift() ?? { status: 200, body: { recipient_id: '5678', message_id: 'm_1' } },
        },
        {
          method: 'GET',
          path: /\/v21\.0\/(?<media>\d+)/,
          reply: () =>
            answers.shift() ?? { status: 200, body: { url: `${network.url}/cdn/photo.jpg` } },
        },
        {
          method: 'GET',
          path: /\/cdn\/moved/,
          reply: () => ({ status: 302, headers: { location: '/cdn/photo.jpg' } }),
        },
        {
          method: 'GET',
          path: /\/cdn\/photo\.jpg/,
          reply: () => ({
            status: 200,
            headers: { 'content-type': 'image/jpeg', 'content-length': '4' },
            body: Buffer.from('JPEG'),
          }),
        },
      ],
      fault: () => ({ status: 500 }),
    });
    client = new GraphClient({
      network: 'messenger',
      apiRoot: network.url,
      version: 'v21.0',
      timeoutMs: 2_000,
    });
  });

  afterEach(async () => {
    await client.close();
    await network.close();
  });

  const send = () => client.post('send', '1234/messages', TOKEN, { text: 'hi' }, SendAnswer);
  const failure = async (): Promise<NetworkApiError> => {
    const error = await expectRejection(send());
    if (!(error instanceof NetworkApiError)) throw error;
    expect(error.message).to.not.contain(TOKEN);
    return error;
  };

  it('POSTs JSON to the pinned version with the token in the Authorization header, never the URL', async () => {
    expect(await send()).to.deep.equal({ recipient_id: '5678', message_id: 'm_1' });
    const [call] = network.calls;
    expect(call?.path).to.equal('/v21.0/1234/messages');
    expect(call?.query).to.deep.equal({});
    expect(call?.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(JSON.parse(call?.body.toString() ?? '')).to.deep.equal({ text: 'hi' });
  });

  const CASES: readonly { title: string; reply: FakeReply; expected: Partial<NetworkApiError> }[] =
    [
      {
        title: 'app throttling (4)',
        reply: graphError(400, 4, '(#4) Application request limit reached'),
        expected: { retryable: true },
      },
      {
        title: 'user throttling (17)',
        reply: graphError(400, 17, '(#17) User request limit reached'),
        expected: { retryable: true },
      },
      {
        title: 'Page throttling (32)',
        reply: graphError(400, 32, '(#32) Page request limit reached'),
        expected: { retryable: true },
      },
      {
        title: 'API throttling (613)',
        reply: graphError(400, 613, '(#613) Calls to this api have exceeded the rate limit.'),
        expected: { retryable: true },
      },
      {
        title: 'business use case throttling (80006)',
        reply: graphError(
          400,
          80006,
          'There have been too many messenger api calls to this Page account.',
        ),
        expected: { retryable: true },
      },
      {
        title: 'WhatsApp throughput (130429)',
        reply: graphError(400, 130429, 'Rate limit hit'),
        expected: { retryable: true },
      },
      {
        title: 'WhatsApp spam rate limit (131048)',
        reply: graphError(400, 131048, 'Spam rate limit hit'),
        expected: { retryable: true },
      },
      {
        title: 'WhatsApp pair rate limit (131056)',
        reply: graphError(400, 131056, '(Business Account, Consumer Account) pair rate limit hit'),
        expected: { retryable: true },
      },
      {
        title: 'a transient error (2)',
        reply: graphError(
          503,
          2,
          'An unexpected error has occurred. Please retry your request later.',
          { is_transient: true },
        ),
        expected: { retryable: true, status: 503 },
      },
      {
        title: 'an error Graph marks transient',
        reply: graphError(400, 100, 'Temporary issue', { is_transient: true }),
        expected: { retryable: true },
      },
      {
        title: 'a 5xx with a Graph body',
        reply: graphError(500, 100, 'Internal error'),
        expected: { retryable: true, status: 500 },
      },
      {
        title: 'an invalid parameter (100)',
        reply: graphError(400, 100, '(#100) The parameter recipient is required', {
          error_subcode: 2018001,
        }),
        expected: { retryable: false, status: 400 },
      },
      {
        title: 'a permission missing (10)',
        reply: graphError(
          403,
          10,
          '(#10) Requires pages_messaging permission to manage the object',
        ),
        expected: { retryable: false },
      },
      {
        title: 'a permission missing (200)',
        reply: graphError(403, 200, '(#200) Permissions error'),
        expected: { retryable: false },
      },
    ];
  for (const { title, reply, expected } of CASES) {
    it(`maps ${title}`, async () => {
      answers.push(reply);
      const error = await failure();
      expect(error).to.be.instanceOf(GraphApiError);
      expect(error).to.include(expected);
      const body = reply.body as { error: { code: number; message: string } };
      expect(error.networkCode).to.contain(`${body.error.code}`).and.contain('AbCdEf123');
    });
  }

  it('says an expired token is permanent and what to do, even on a 5xx', async () => {
    answers.push(
      graphError(400, 190, 'Error validating access token: Session has expired', {
        error_subcode: 463,
      }),
    );
    const expired = await failure();
    expect(expired).to.include({
      retryable: false,
      status: 400,
      networkCode:
        '190/463: Error validating access token: Session has expired [fbtrace_id AbCdEf123]',
    });
    expect(expired.message).to.match(
      /access token expired or is invalid.*generate a new access token/,
    );
    answers.push(graphError(500, 190, 'Invalid OAuth access token.'));
    expect((await failure()).retryable).to.equal(false);
  });

  it('says a permission is missing', async () => {
    answers.push(graphError(403, 230, '(#230) Requires pages_messaging permission'));
    expect((await failure()).message).to.match(/lacks a permission.*App Dashboard/);
  });

  it('waits as Meta says: Retry-After in seconds, else the business use case header in minutes', async () => {
    answers.push(
      graphError(
        429,
        613,
        'Calls to this api have exceeded the rate limit.',
        {},
        { 'retry-after': '7' },
      ),
    );
    expect(await failure()).to.include({ retryable: true, retryAfterMs: 7_000, status: 429 });
    const usage = JSON.stringify({
      '1234': [
        {
          type: 'messenger',
          call_count: 100,
          total_cputime: 30,
          total_time: 40,
          estimated_time_to_regain_access: 0,
        },
        {
          type: 'pages',
          call_count: 100,
          total_cputime: 30,
          total_time: 40,
          estimated_time_to_regain_access: 3,
        },
      ],
    });
    answers.push(
      graphError(400, 80006, 'Too many calls', {}, { 'x-business-use-case-usage': usage }),
    );
    expect(await failure()).to.include({ retryable: true, retryAfterMs: 180_000 });
    answers.push(
      graphError(400, 80006, 'Too many calls', {}, { 'x-business-use-case-usage': 'not json' }),
    );
    expect((await failure()).retryAfterMs).to.equal(undefined);
  });

  it('does not pass on a wait for a permanent refusal', async () => {
    answers.push(graphError(400, 100, 'Invalid parameter', {}, { 'retry-after': '7' }));
    expect(await failure()).to.include({ retryable: false, retryAfterMs: undefined });
  });

  it('maps an answer that is not Graph’s by its status', async () => {
    answers.push({ status: 502, body: '<html>Bad Gateway</html>' });
    expect(await failure()).to.include({ retryable: true, status: 502 });
    answers.push({ status: 404, body: 'Not Found' });
    expect(await failure()).to.include({ retryable: false, status: 404 });
  });

  it('refuses for good a 2xx it cannot read: the call may have taken effect', async () => {
    answers.push({ status: 200, body: { success: true } });
    expect(await failure()).to.include({ retryable: false, status: 200 });
  });

  it('fails retryably, without a status, when Graph cannot be reached', async () => {
    await network.close();
    expect(await failure()).to.include({ retryable: true, status: undefined });
  });

  it('reads any answer as the answer or a NetworkApiError without the token, retryable as its kind says (property)', async () => {
    const graphBody = fc.record({
      error: fc.record(
        {
          message: fc.string(),
          type: fc.string(),
          code: fc.oneof(
            fc.constantFrom(1, 2, 4, 10, 17, 32, 100, 190, 200, 230, 551, 613, 80006, 130429),
            fc.integer(),
          ),
          error_subcode: fc.integer(),
          is_transient: fc.boolean(),
          fbtrace_id: fc.string(),
        },
        { requiredKeys: ['message', 'code'] },
      ),
    });
    const status = fc.oneof(fc.constant(200), fc.integer({ min: 400, max: 599 }));
    await fc.assert(
      fc.asyncProperty(
        status,
        fc.oneof(graphBody, fc.jsonValue(), fc.string()),
        async (code, body) => {
          answers.push({
            status: code,
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          });
          try {
            const sent = await send();
            expect(code).to.equal(200);
            expect(sent).to.have.keys('recipient_id', 'message_id');
          } catch (error) {
            if (!(error instanceof NetworkApiError)) throw error;
            expect(error.message).to.not.contain(TOKEN);
            expect(error.status).to.equal(code);
            const graph = error instanceof GraphApiError ? error.graph : undefined;
            if (graph?.code === 190) expect(error.retryable).to.equal(false);
            else if (code >= 500) expect(error.retryable).to.equal(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('downloads a file from Meta’s CDN without the token, following a redirect', async () => {
    const download = await client.download(`${network.url}/cdn/moved`);
    const chunks: Uint8Array[] = [];
    for await (const chunk of download.body) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).to.equal('JPEG');
    expect(download).to.include({ contentType: 'image/jpeg', size: 4 });
    for (const call of network.calls) expect(call.headers.authorization).to.equal(undefined);
  });

  it('GETs a Graph path with the token in the Authorization header, its errors mapped as a POST’s', async () => {
    const MediaUrl = z.object({ url: z.string() });
    expect(await client.get('media', '998877?phone_number_id=1234', TOKEN, MediaUrl)).to.deep.equal(
      {
        url: `${network.url}/cdn/photo.jpg`,
      },
    );
    const [call] = network.calls;
    expect(call).to.deep.include({ method: 'GET', path: '/v21.0/998877' });
    expect(call?.query).to.deep.equal({ phone_number_id: '1234' });
    expect(call?.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    answers.push(graphError(400, 190, 'Error validating access token'));
    const error = await expectRejection(client.get('media', '998877', TOKEN, MediaUrl));
    expect(error).to.be.instanceOf(GraphApiError).and.include({ retryable: false });
    expect(error.message).to.not.contain(TOKEN);
  });

  it('downloads with the token in the Authorization header when given one (WhatsApp’s media URLs)', async () => {
    const download = await client.download(`${network.url}/cdn/photo.jpg`, TOKEN);
    await download.body[Symbol.asyncIterator]().return?.();
    const [call] = network.calls;
    expect(call?.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    expect(call?.query).to.deep.equal({});
  });

  it('refuses a download Meta no longer serves with the status', async () => {
    const error = await expectRejection(client.download(`${network.url}/cdn/gone.jpg`));
    expect(error).to.be.instanceOf(NetworkApiError).and.include({ status: 404 });
  });
});
