import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { SignatureError } from '@tvox-connector/core';
import { ManualClock } from '@tvox-connector/testkit';
import { AttachmentLinks } from '../src/attachments/attachment-links';
import { SECRET, startChannel, type RunningChannel } from './support/webchat-harness.js';
import { VisitorSocket, frames, identify } from './support/visitor-client.js';

interface Uploaded {
  readonly reference: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

describe('web chat attachments', () => {
  const clock = new ManualClock(Date.now());
  let running: RunningChannel;
  let token: string;
  let visitorId: string;

  function upload(
    body: Buffer | string | ReadableStream<Uint8Array>,
    headers: Record<string, string>,
    authorization = `Bearer ${token}`,
  ): Promise<Response> {
    return fetch(`${running.base}/files`, {
      method: 'POST',
      headers: { authorization, 'x-file-name': encodeURIComponent('scontrino è.png'), ...headers },
      body,
      duplex: 'half',
    });
  }

  async function errorCode(response: Response): Promise<string> {
    return ((await response.json()) as { error: { code: string } }).error.code;
  }

  beforeEach(async () => {
    running = await startChannel({
      clock,
      settings: {
        attachments: {
          maxBytes: 1000,
          contentTypes: ['image/*', 'application/pdf'],
          linkTtlSeconds: 60,
        },
      },
    });
    ({ token, visitorId } = (await identify(running.base)).body);
  });

  afterEach(async () => {
    await running.stop();
  });

  it('stores an upload and serves it back by its signed link, until the link expires', async () => {
    const bytes = Buffer.alloc(600, 7);
    const response = await upload(bytes, { 'content-type': 'image/png' });
    expect(response.status).to.equal(201);
    const file = (await response.json()) as Uploaded;
    expect(file).to.deep.include({ name: 'scontrino è.png', contentType: 'image/png', size: 600 });
    expect(file.url).to.match(/\/channels\/webchat\/files\/[0-9a-f-]{36}\?expires=\d+&signature=/);

    const served = await fetch(file.url);
    expect(served.status).to.equal(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).to.equal(true);
    expect(served.headers.get('content-type')).to.equal('image/png');
    expect(served.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(served.headers.get('content-security-policy')).to.contain('sandbox');

    const tampered = await fetch(
      file.url.replace(/expires=(\d+)/, (_m, e: string) => `expires=${Number(e) + 1000}`),
    );
    expect(tampered.status).to.equal(403);
    expect(await errorCode(tampered)).to.equal('TVOX_ERR_SIGNATURE');

    clock.advance(61_000);
    const expired = await fetch(file.url);
    expect(expired.status).to.equal(403);
    expect(((await expired.json()) as { error: { message: string } }).error.message).to.contain(
      'expired',
    );
  });

  it('answers 413 over the size limit, whether declared or streamed, and keeps nothing', async () => {
    const declared = await upload(Buffer.alloc(1001), { 'content-type': 'image/png' });
    expect(declared.status).to.equal(413);
    expect(await errorCode(declared)).to.equal('TVOX_ERR_PAYLOAD_TOO_LARGE');

    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(400));
        controller.close();
      },
    });
    const streamed = await upload(chunks, { 'content-type': 'image/png' });
    expect(streamed.status).to.equal(413);
    expect(readdirSync(running.directory)).to.deep.equal([]);
  });

  it('answers 415 for a refused type, 401 without a visitor token, 400 without a name', async () => {
    const html = await upload('<script>', { 'content-type': 'text/html' });
    expect(html.status).to.equal(415);
    const body = (await html.json()) as { error: { code: string; message: string } };
    expect(body.error.code).to.equal('TVOX_ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(body.error.message).to.contain('image/*, application/pdf');

    expect((await upload('x', { 'content-type': 'image/png' }, 'Bearer nope')).status).to.equal(
      401,
    );
    expect((await upload('x', { 'content-type': 'image/png', 'x-file-name': '' })).status).to.equal(
      400,
    );
  });

  it('puts an uploaded file in the visitor’s message as a link TVox can fetch, for its uploader only', async () => {
    const file = (await (
      await upload(Buffer.alloc(10), { 'content-type': 'application/pdf' })
    ).json()) as Uploaded;
    const socket = await VisitorSocket.open(`${running.base.replace('http', 'ws')}/ws`, { token });
    await socket.ready();
    socket.send({ type: 'message', clientId: 'c-1', attachments: [file.reference] });
    await socket.next(frames.ack('c-1'));
    const [message] = running.core.inbound(visitorId);
    expect(message?.attachments).to.have.length(1);
    expect(message?.attachments[0]).to.deep.include({
      name: 'scontrino è.png',
      contentType: 'application/pdf',
      size: 10,
    });
    expect((await fetch(message!.attachments[0]!.url)).status).to.equal(200);

    const other = (await identify(running.base)).body;
    const stranger = await VisitorSocket.open(`${running.base.replace('http', 'ws')}/ws`, {
      token: other.token,
    });
    await stranger.ready();
    stranger.send({ type: 'message', clientId: 'c-2', attachments: [file.reference] });
    const error = await stranger.next(frames.error);
    expect(error.message).to.contain('another visitor');
    await socket.close();
    await stranger.close();
  });
});

describe('web chat attachment references and links from an earlier version', () => {
  const fileId = '3b7e2c1a-5d4f-4e8b-9a6c-0f1e2d3c4b5a';
  /** The links of a channel, on the day the kept reference and link were issued. */
  const issuedOn = () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 15, 9, 30, 0));
    const base = 'https://chat.example.com/channels/webchat';
    return { clock, links: new AttachmentLinks(SECRET, base, 600, clock) };
  };

  it('resolves a reference a widget kept', () => {
    const kept =
      'eyJmIjoiM2I3ZTJjMWEtNWQ0Zi00ZThiLTlhNmMtMGYxZTJkM2M0YjVhIiwibiI6ImEucGRmIiwidCI6ImFwcGxpY2F0aW9uL3BkZiIsInMiOjEyLCJ2Ijoidi0xIn0' +
      '.UFfIHOQ2HXgjOknvQZIJLBqaPiiYF_4cLW8Fkk315Tw';
    expect(issuedOn().links.resolve(kept, 'v-1')).to.deep.include({
      name: 'a.pdf',
      contentType: 'application/pdf',
      size: 12,
    });
  });

  it('signs links as before, and takes one TVox kept until it expires', () => {
    const { clock, links } = issuedOn();
    const signature = 'hPDjA7ARlURHpLOc4P2wxh_HsdDhp51dEjszLVIqsSM';
    expect(links.url(fileId)).to.equal(
      `https://chat.example.com/channels/webchat/files/${fileId}?expires=1768470000&signature=${signature}`,
    );
    expect(() => links.check(fileId, '1768470000', signature)).not.to.throw();
    clock.advance(601_000);
    expect(() => links.check(fileId, '1768470000', signature)).to.throw(SignatureError, /expired/);
  });
});
