import { readdirSync } from 'node:fs';
import { expect } from 'chai';
import { startChannel, type RunningChannel } from './support/webchat-harness.js';
import { VisitorSocket, frames, identify } from './support/visitor-client.js';

/** An error frame the server sent, as the widget reads it. */
interface ErrorFrame {
  readonly type: 'error';
  readonly clientId?: string;
  readonly code: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
}

describe('web chat limits', () => {
  let running: RunningChannel | undefined;

  async function channel(settings: Record<string, unknown>): Promise<RunningChannel> {
    running = await startChannel({ settings });
    return running;
  }

  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });

  async function visitor(base: string): Promise<{ token: string; visitorId: string }> {
    const { status, body } = await identify(base);
    expect(status).to.equal(200);
    return body;
  }

  function upload(base: string, token: string, bytes: number): Promise<Response> {
    return fetch(`${base}/files`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'image/png',
        'x-file-name': 'photo.png',
      },
      body: Buffer.alloc(bytes, 1),
    });
  }

  async function errorOf(response: Response): Promise<string> {
    return ((await response.json()) as { error: { code: string } }).error.code;
  }

  it('refuses messages over the conversation’s rate with a retryable error frame, storing only those taken', async () => {
    const { base, core } = await channel({ limits: { messages: { burst: 3, perMinute: 1 } } });
    const { token, visitorId } = await visitor(base);
    const socket = await VisitorSocket.open(`${base.replace('http', 'ws')}/ws`, { token });
    await socket.ready();
    for (let i = 1; i <= 5; i += 1)
      socket.send({ type: 'message', clientId: `m-${i}`, text: `message ${i}` });
    await socket.next(frames.ack('m-3'));
    const refused = (await socket.next(
      (f): f is never => f.type === 'error' && f.clientId === 'm-5',
    )) as ErrorFrame;
    expect(refused).to.include({ code: 'TVOX_ERR_RATE_LIMITED', retryable: true });
    expect(refused.retryAfterMs).to.be.within(1, 60_000);
    const errors = socket.frames.filter((f) => f.type === 'error') as ErrorFrame[];
    expect(errors.map((e) => e.clientId)).to.deep.equal(['m-4', 'm-5']);
    expect(core.inbound(visitorId).map((m) => m.networkMessageId)).to.deep.equal([
      'm-1',
      'm-2',
      'm-3',
    ]);
    // The HTTP fallback shares the conversation's bucket, and says when to come back.
    const posted = await fetch(`${base}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', clientId: 'm-6', text: 'by HTTP' }),
    });
    expect(posted.status).to.equal(429);
    expect(Number(posted.headers.get('retry-after'))).to.be.within(1, 60);
    expect(await errorOf(posted)).to.equal('TVOX_ERR_RATE_LIMITED');
    expect(core.inbound(visitorId)).to.have.length(3);
    await socket.close();
  });

  it('answers a frame over maxFrameBytes with an error frame, then closes the socket', async () => {
    const { base, core } = await channel({});
    const { token, visitorId } = await visitor(base);
    const socket = await VisitorSocket.open(`${base.replace('http', 'ws')}/ws`, { token });
    await socket.ready();
    // 1.1 MB, over the 512 KiB default: what a bad client sends, never the widget.
    socket.send({ type: 'message', clientId: 'big', text: 'x'.repeat(1_100_000) });
    const refused = (await socket.next(frames.error)) as ErrorFrame;
    expect(refused).to.include({
      code: 'TVOX_ERR_PAYLOAD_TOO_LARGE',
      clientId: 'big',
      retryable: false,
    });
    expect((await socket.closedByServer()).code).to.equal(1009);
    expect(core.inbound(visitorId)).to.deep.equal([]);
  });

  it('limits a visitor’s upload rate, and the quota of bytes they may upload', async () => {
    const { base, directory } = await channel({
      attachments: { maxBytes: 1000, rate: { burst: 2, perMinute: 1 } },
    });
    const { token } = await visitor(base);
    expect((await upload(base, token, 10)).status).to.equal(201);
    expect((await upload(base, token, 10)).status).to.equal(201);
    const third = await upload(base, token, 10);
    expect(third.status).to.equal(429);
    expect(third.headers.get('retry-after')).to.not.equal(null);
    expect(await errorOf(third)).to.equal('TVOX_ERR_RATE_LIMITED');
    expect(readdirSync(directory).filter((f) => !f.endsWith('.json'))).to.have.length(2);

    await running?.stop();
    const quota = await channel({
      attachments: {
        maxBytes: 1000,
        rate: { burst: 100, perMinute: 100 },
        quota: { files: 3, bytes: 1500 },
      },
    });
    const other = await visitor(quota.base);
    expect((await upload(quota.base, other.token, 800)).status).to.equal(201);
    expect((await upload(quota.base, other.token, 800)).status).to.equal(429);
    // A refused upload gave its reservation back: what fits in the quota still goes.
    expect((await upload(quota.base, other.token, 600)).status).to.equal(201);
    expect((await upload(quota.base, other.token, 10)).status).to.equal(201);
    // Three files is the count quota.
    expect((await upload(quota.base, other.token, 1)).status).to.equal(429);
    // Another visitor has a quota of their own.
    const third2 = await visitor(quota.base);
    expect((await upload(quota.base, third2.token, 800)).status).to.equal(201);
  });

  it('refuses uploads with 503 while the disk would keep less than minFreeBytes free', async () => {
    const { base, directory } = await channel({
      attachments: { minFreeBytes: Number.MAX_SAFE_INTEGER },
    });
    const { token } = await visitor(base);
    const refused = await upload(base, token, 100);
    expect(refused.status).to.equal(503);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).to.equal('TVOX_ERR_UNAVAILABLE');
    expect(body.error.message).to.match(/nearly full/);
    expect(readdirSync(directory)).to.deep.equal([]);
  });

  it('limits new visitors per address, not returning ones', async () => {
    const { base } = await channel({ limits: { newVisitorsPerAddress: { max: 2 } } });
    const first = await visitor(base);
    await visitor(base);
    const third = await identify(base);
    expect(third.status).to.equal(429);
    expect(third.body.error?.code).to.equal('TVOX_ERR_RATE_LIMITED');
    // A visitor with a valid token keeps their conversation, however many came from the address.
    const returning = await identify(base, { token: first.token });
    expect(returning.status).to.equal(200);
    expect(returning.body.visitorId).to.equal(first.visitorId);
  });
});
