import { createTwilioAdapter, type TwilioAdapter } from '@tvox-connector/adapter-twilio';
import {
  RecordingLogger,
  RecordingSink,
  serveAdapter,
  type ServedAdapter,
} from '@tvox-connector/testkit';
import { expect } from 'chai';
import { request } from 'undici';
import {
  CUSTOMER_NUMBER,
  form,
  incoming,
  messageSid,
  settings,
  signed,
  statusCallback,
} from './support/twilio-fixtures';

describe('Twilio webhooks through the connector', () => {
  let server: ServedAdapter;
  let sink: RecordingSink;
  let logger: RecordingLogger;
  let adapter: TwilioAdapter;

  beforeEach(async () => {
    sink = new RecordingSink();
    logger = new RecordingLogger();
    adapter = createTwilioAdapter(
      { id: 'sms', settings: settings('http://127.0.0.1:9') },
      { logger },
    );
    server = await serveAdapter(adapter, sink);
  });
  afterEach(() => server.close());

  async function post(body: string, headers: Record<string, string>) {
    const response = await request(server.webhookUrl, { method: 'POST', body, headers });
    return {
      status: response.statusCode,
      type: response.headers['content-type'],
      body: await response.body.text(),
    };
  }

  it('checks the signature against the public URL, not the Host a proxy forwarded, and answers empty TwiML once stored', async () => {
    const body = form(incoming(1, 'Ciao, ho un problema con l’ordine'));
    // The proxy forwards Twilio's request with its own Host; Twilio signed the public URL.
    const proxied = { ...signed(body), host: 'internal-lb.local:8080', 'x-forwarded-host': 'x' };
    const answer = await post(body, proxied);
    expect(answer.status).to.equal(200);
    expect(answer.type).to.match(/^text\/xml/);
    expect(answer.body).to.equal('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(sink.messages).to.have.length(1);
    expect(sink.messages[0]).to.deep.include({
      networkMessageId: messageSid(1),
      conversation: { channel: 'sms', id: CUSTOMER_NUMBER },
      text: 'Ciao, ho un problema con l’ordine',
      entryPoint: '+14155550100',
    });
    expect(sink.messages[0]?.sender).to.deep.include({ phone: CUSTOMER_NUMBER });
  });

  it('refuses a request signed over the URL it reached the server at (the Host), with 401', async () => {
    const body = form(incoming(2, 'hello'));
    const answer = await post(body, signed(body, server.webhookUrl));
    expect(answer.status).to.equal(401);
    expect(sink.empty).to.equal(true);
  });

  it('turns delivered and read status callbacks into receipts of the sent message', async () => {
    for (const status of ['delivered', 'read']) {
      const body = form(statusCallback(messageSid(7), status));
      expect((await post(body, signed(body))).status).to.equal(200);
    }
    expect(
      sink.others.map((a) => a.kind === 'receipt' && [a.status, a.networkMessageIds]),
    ).to.deep.equal([
      ['delivered', [messageSid(7)]],
      ['read', [messageSid(7)]],
    ]);
  });

  it('logs failed and undelivered messages with their ErrorCode, storing nothing', async () => {
    for (const [status, code] of [
      ['failed', '30008'],
      ['undelivered', '30003'],
    ] as const) {
      const body = form(statusCallback(messageSid(8), status, { ErrorCode: code }));
      const answer = await post(body, signed(body));
      expect(answer.status).to.equal(200);
      expect(answer.body).to.contain('<Response/>');
    }
    expect(sink.empty).to.equal(true);
    const warned = logger.lines.filter((l) => l.level === 'warn');
    expect(warned.map((l) => [l.fields.status, l.fields.errorCode])).to.deep.equal([
      ['failed', '30008'],
      ['undelivered', '30003'],
    ]);
  });

  it('refuses a JSON body before reading it (415): Twilio posts forms', async () => {
    const answer = await post('{}', { 'content-type': 'application/json' });
    expect(answer.status).to.equal(415);
  });

  it("keeps an MMS's text (its media are not relayed) and ignores another account's webhooks", async () => {
    const mms = form(
      incoming(3, 'photo of the damage', {
        NumMedia: '1',
        MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME',
        MediaContentType0: 'image/jpeg',
      }),
    );
    const other = form(incoming(4, 'hello', { AccountSid: 'AC' + 'f'.repeat(32) }));
    for (const body of [mms, other]) expect((await post(body, signed(body))).status).to.equal(200);
    expect(sink.messages.map((m) => [m.networkMessageId, m.text, m.attachments])).to.deep.equal([
      [messageSid(3), 'photo of the damage', []],
    ]);
  });
});
