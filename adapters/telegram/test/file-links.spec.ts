import {
  ManualClock,
  serveAdapter,
  RecordingSink,
  type ServedAdapter,
} from '@tvox-connector/testkit';
import {
  FileTokens,
  createTelegramAdapter,
  type TelegramAdapter,
} from '@tvox-connector/adapter-telegram';
import { expect } from 'chai';
import { request } from 'undici';
import { FakeBotApi } from './support/fake-bot-api';
import { BOT_TOKEN, document, update, voice, webhookSettings } from './support/telegram-fixtures';

describe('Telegram file links', () => {
  describe('FileTokens', () => {
    const clock = new ManualClock();
    const tokens = new FileTokens('a-secret-of-at-least-thirty-two-chars', 60, () => clock.now());
    const file = { fileId: 'BQAD-1', name: 'a.pdf', contentType: 'application/pdf' };

    it('reads back the file a token names, until it expires', () => {
      const token = tokens.issue(file);
      expect(tokens.read(token)).to.deep.equal({ ok: true, file });
      clock.advance(60_000);
      expect(tokens.read(token)).to.deep.equal({ ok: false, reason: 'expired link' });
    });

    it('refuses a token signed with another secret, altered, or garbled', () => {
      const other = new FileTokens('another-secret-of-thirty-two-chars!', 60, () => clock.now());
      expect(tokens.read(other.issue(file))).to.deep.include({
        ok: false,
        reason: 'bad signature',
      });
      const [payload, signature] = tokens.issue(file).split('.');
      const altered = Buffer.from(
        JSON.stringify({ f: 'other', n: 'x', t: 'a/b', e: 9e9 }),
      ).toString('base64url');
      expect(tokens.read(`${altered}.${signature ?? ''}`)).to.deep.include({
        reason: 'bad signature',
      });
      expect(tokens.read(payload ?? '')).to.deep.include({ reason: 'not a file token' });
      expect(tokens.read('a.b.c')).to.deep.include({ reason: 'not a file token' });
    });

    it('issues tokens as before, and reads one TVox kept until it expires', () => {
      const issuedOn = new ManualClock(Date.UTC(2026, 0, 15, 9, 30, 0));
      const kept =
        'eyJmIjoiQlFBRC0xIiwibiI6ImEucGRmIiwidCI6ImFwcGxpY2F0aW9uL3BkZiIsImUiOjE3Njg0Njk0NjB9' +
        '.xET702y0CWC_ZSCvr76u5cGdmm6JkmHzVp3-BxPKL6s';
      const thenTokens = new FileTokens('a-secret-of-at-least-thirty-two-chars', 60, () =>
        issuedOn.now(),
      );
      expect(thenTokens.issue(file)).to.equal(kept);
      expect(thenTokens.read(kept)).to.deep.equal({ ok: true, file });
      issuedOn.advance(60_000);
      expect(thenTokens.read(kept)).to.deep.equal({ ok: false, reason: 'expired link' });
    });
  });

  describe('the file route', () => {
    let api: FakeBotApi;
    let server: ServedAdapter;
    let adapter: TelegramAdapter | undefined;
    const bytes = Buffer.from('%PDF-1.7 the invoice bytes');
    let clock: ManualClock;

    beforeEach(async () => {
      api = await FakeBotApi.start(BOT_TOKEN);
      api.addFile('BQAD-invoice', { path: 'documents/file_7.pdf', bytes });
      server = await serveAdapter(() => adapter, new RecordingSink());
      clock = new ManualClock();
      adapter = createTelegramAdapter(
        { id: 'telegram', settings: webhookSettings(api.apiRoot, server.webhookUrl) },
        { clock },
      );
    });

    afterEach(async () => {
      adapter = undefined;
      await Promise.all([server.close(), api.close()]);
    });

    const linkOf = (carried = document(5)) => {
      const parsed = adapter?.parse({
        method: 'POST',
        path: '/webhook',
        query: {},
        headers: {},
        rawBody: Buffer.from(JSON.stringify(update(1, carried))),
      });
      if (parsed?.kind !== 'activities' || parsed.activities[0]?.kind !== 'message')
        return expect.fail('expected a message');
      return parsed.activities[0].attachments[0]?.url ?? '';
    };
    const fetchFile = async (url: string) => {
      const response = await request(url);
      return {
        status: response.statusCode,
        headers: response.headers,
        body: Buffer.from(await response.body.arrayBuffer()),
      };
    };

    it('streams the customer’s file from the Bot API, resolved with getFile and the token kept inside', async () => {
      const got = await fetchFile(linkOf());
      expect(got.status).to.equal(200);
      expect(got.body.equals(bytes)).to.equal(true);
      expect(got.headers).to.include({
        'content-type': 'application/pdf',
        'content-length': String(bytes.length),
        'content-disposition': "inline; filename*=UTF-8''invoice%202026-03.pdf",
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      });
      expect(api.callsOf('getFile')).to.deep.equal([{ file_id: 'BQAD-invoice' }]);
      expect(api.calls.map((c) => c.path)).to.include(`/file/bot${BOT_TOKEN}/documents/file_7.pdf`);
    });

    it('serves a type a browser would run (HTML, SVG, XML, JavaScript) as a sandboxed download', async () => {
      for (const declared of [
        'text/html',
        'image/svg+xml',
        'application/xhtml+xml',
        'text/xml',
        'text/javascript',
        'TEXT/HTML; charset=utf-8',
      ]) {
        const carried = document(5);
        const link = linkOf({
          ...carried,
          document: { ...carried.document!, mime_type: declared },
        });
        const got = await fetchFile(link);
        expect(got.status, declared).to.equal(200);
        expect(got.headers['content-disposition'], declared).to.match(/^attachment;/);
        expect(got.headers, declared).to.include({
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
        });
      }
      const garbled = document(5);
      const odd = await fetchFile(
        linkOf({ ...garbled, document: { ...garbled.document!, mime_type: 'text/html,<x>' } }),
      );
      expect(odd.headers['content-type'], 'not a media type').to.equal('application/octet-stream');
    });

    it('answers 400 without a token, 403 for a forged one, 410 once expired, 502 for a file Telegram lacks', async () => {
      const link = new URL(linkOf(document(5)));
      expect((await fetchFile(`${server.webhookUrl}/file`)).status).to.equal(400);
      const forged = new URL(link);
      forged.searchParams.set('token', `${link.searchParams.get('token') ?? ''}x`);
      expect((await fetchFile(forged.toString())).status).to.equal(403);
      expect((await fetchFile(linkOf(voice(6)))).status).to.equal(502);
      clock.advance(7 * 24 * 3600 * 1000);
      expect((await fetchFile(link.toString())).status).to.equal(410);
    });
  });
});
