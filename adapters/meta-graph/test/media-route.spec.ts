import { silentLogger } from '@tvox-connector/core';
import { GraphClient, MediaLinks, mediaRoute } from '@tvox-connector/meta-graph';
import { ManualClock, startFakeNetwork, type FakeNetwork } from '@tvox-connector/testkit';
import { expect } from 'chai';

const SECRET = 'a-secret-of-thirty-two-characters-or-more';

describe('media links', () => {
  let cdn: FakeNetwork;
  let client: GraphClient;
  const clock = new ManualClock(Date.parse('2026-03-02T09:30:00Z'));
  const links = new MediaLinks({ secret: SECRET, ttlSeconds: 3600, now: () => clock.now() });

  beforeEach(async () => {
    cdn = await startFakeNetwork({
      routes: [
        {
          method: 'GET',
          path: /\/v\/t1\/photo\.jpg/,
          reply: () => ({
            status: 200,
            headers: { 'content-type': 'image/jpeg', 'content-length': '10' },
            body: Buffer.from('JPEG bytes'),
          }),
        },
      ],
      fault: () => ({ status: 500 }),
    });
    client = new GraphClient({
      network: 'messenger',
      apiRoot: cdn.url,
      version: 'v21.0',
      timeoutMs: 2_000,
    });
  });

  afterEach(async () => {
    await client.close();
    await cdn.close();
  });

  const get = (query: Record<string, string>) =>
    mediaRoute(links, client, silentLogger).handle({
      method: 'GET',
      path: '/media',
      query,
      headers: {},
      rawBody: Buffer.alloc(0),
    });
  const media = () => ({
    url: `${cdn.url}/v/t1/photo.jpg?oh=signed&oe=expiry`,
    name: 'photo 1.jpg',
    contentType: 'image/jpeg',
  });

  it('streams the file from Meta for a valid token, named and typed as the webhook said', async () => {
    const answer = await get({ token: links.issue(media()) });
    expect(answer.status).to.equal(200);
    expect(answer.headers).to.include({
      'content-type': 'image/jpeg',
      'content-disposition': "attachment; filename*=UTF-8''photo%201.jpg",
      'content-length': '10',
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of answer.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).to.equal('JPEG bytes');
    expect(cdn.calls[0]?.query).to.deep.equal({ oh: 'signed', oe: 'expiry' });
  });

  it('fetches the file the way the adapter says when it gives its own fetch (a media id to resolve)', async () => {
    const asked: string[] = [];
    const route = mediaRoute(links, client, silentLogger, (ref) => {
      asked.push(ref.url);
      return client.download(`${cdn.url}/v/t1/photo.jpg`);
    });
    const answer = await route.handle({
      method: 'GET',
      path: '/media',
      query: { token: links.issue({ ...media(), url: '1234567?phone_number_id=42' }) },
      headers: {},
      rawBody: Buffer.alloc(0),
    });
    expect(answer.status).to.equal(200);
    expect(asked).to.deep.equal(['1234567?phone_number_id=42']);
  });

  it('refuses a missing (400), forged (403) or expired (410) token, fetching nothing', async () => {
    expect((await get({})).status).to.equal(400);
    const token = links.issue(media());
    const forged = new MediaLinks({
      secret: `${SECRET}!`,
      ttlSeconds: 3600,
      now: () => clock.now(),
    }).issue(media());
    expect((await get({ token: forged })).status).to.equal(403);
    expect((await get({ token: token.slice(0, -1) })).status).to.equal(403);
    clock.advance(3600 * 1000);
    expect((await get({ token })).status).to.equal(410);
    expect(cdn.calls).to.deep.equal([]);
  });

  it('answers 502 when Meta no longer gives the file', async () => {
    const gone = { ...media(), url: `${cdn.url}/v/t1/expired.jpg` };
    expect((await get({ token: links.issue(gone) })).status).to.equal(502);
  });
});
