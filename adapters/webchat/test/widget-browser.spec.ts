/**
 * The demo shop page with the embedded widget, in headless Chromium: the visitor writes and sees
 * the message acknowledged; the agent's typing, name, messages and the connector's notices show
 * up; read receipts reach the ledger; the connection drops and comes back without losing or
 * doubling a message. Needs the widget compiled (`tsc -b`) and Debian's chromium.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventually } from '@tvox-connector/testkit';
import { hostSigns } from './support/host-signing.js';
import { startChannel, type RunningChannel } from './support/webchat-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', '..', 'build', 'screenshots');

describe('web chat widget (browser)', function () {
  this.timeout(30_000);

  let running: RunningChannel;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Uncaught errors in the page: every test ends with none. */
  let pageErrors: Error[];
  /** The other site's server, in the tests that embed the widget there. */
  let shop: FastifyInstance | undefined;

  before(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-gpu',
      ],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  beforeEach(async () => {
    running = await startChannel();
    context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'it-IT' });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
  });

  afterEach(async () => {
    await (context as BrowserContext | undefined)?.close();
    await shop?.close();
    shop = undefined;
    await (running as RunningChannel | undefined)?.stop();
    expect(pageErrors.map((e) => e.message)).to.deep.equal([]);
  });

  after(async () => {
    await (browser as Browser | undefined)?.close();
  });

  const messages = () => page.getByTestId('transcript').getByTestId('message');
  const message = (id: string) => page.locator(`[data-testid="message"][data-id="${id}"]`);

  /** Ids of the messages shown, in order. */
  async function shownIds(): Promise<string[]> {
    const shown = await messages().all();
    return Promise.all(shown.map(async (m) => (await m.getAttribute('data-id')) ?? ''));
  }

  /** Opens the demo shop and the chat, and waits until it is online. */
  async function openChat(): Promise<void> {
    await page.goto(`${running.base}/demo`);
    await page.getByTestId('launcher').click();
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
  }

  /** Writes a message in the composer and sends it with Enter. */
  async function write(text: string): Promise<void> {
    const input = page.getByTestId('composer-input');
    await input.fill(text);
    await input.press('Enter');
  }

  /** The visitor id, once the visitor's first message is stored. */
  async function visitorId(): Promise<string> {
    await eventually(() => running.core.inbound().length > 0);
    return running.core.inbound()[0]!.conversation.id;
  }

  it('chats with an agent: ack, typing, agent name, notices, quick replies, read receipts', async () => {
    await openChat();
    expect(await page.getByTestId('composer-input').getAttribute('id')).to.equal(
      await page.locator('label').getAttribute('for'),
    );

    await write('Hello, my Aurora lamp arrived broken.');
    const mine = messages().filter({ hasText: 'arrived broken' });
    await mine.getByTestId('message-status').filter({ hasText: 'Sent' }).waitFor();
    expect(await mine.getAttribute('data-origin')).to.equal('visitor');
    const visitor = await visitorId();
    expect(running.core.inbound(visitor).map((m) => m.text)).to.deep.equal([
      'Hello, my Aurora lamp arrived broken.',
    ]);

    const joined = await running.say(visitor, {
      origin: 'system',
      text: 'Giulia Bianchi has joined the conversation.',
    });
    await message(joined).waitFor();
    expect(await message(joined).getAttribute('data-origin')).to.equal('system');

    await running.channel.adapter.send({
      kind: 'typing',
      conversation: { channel: 'webchat', id: visitor },
      agent: { code: '1001', name: 'Giulia Bianchi' },
    });
    await page.getByTestId('typing').filter({ hasText: 'Giulia Bianchi is typing…' }).waitFor();

    const reply = await running.say(visitor, {
      text: 'I am sorry! Shall we send a new one or refund you?',
      agent: { code: '1001', name: 'Giulia Bianchi' },
      quickReplies: [{ title: 'New lamp', payload: 'REPLACE' }, { title: 'Refund' }],
    });
    await message(reply).waitFor();
    expect(await message(reply).getByTestId('author').textContent()).to.equal('Giulia Bianchi');
    expect(await message(reply).getAttribute('data-origin')).to.equal('agent');
    expect(await page.getByTestId('typing').textContent()).to.equal('');
    await eventually(() => running.core.state(reply) === 'read');

    await page.getByTestId('quick-replies').getByRole('button', { name: 'New lamp' }).click();
    await eventually(() => running.core.inbound(visitor).length === 2);
    expect(running.core.inbound(visitor)[1]).to.deep.include({
      text: 'New lamp',
      quickReplyPayload: 'REPLACE',
    });
    expect(await page.getByTestId('quick-replies').count()).to.equal(0);

    const photo = await running.say(visitor, {
      text: 'Here is the label to print.',
      agent: { code: '1001', name: 'Giulia Bianchi' },
      attachments: [
        {
          name: 'label.pdf',
          contentType: 'application/pdf',
          size: 2048,
          url: 'https://tvox.example.com/f/label.pdf',
        },
      ],
    });
    const link = message(photo).getByTestId('attachment');
    expect(await link.getAttribute('href')).to.equal('https://tvox.example.com/f/label.pdf');
    expect(await link.textContent()).to.equal('label.pdf (2 KB)');

    const closed = await running.say(visitor, {
      origin: 'system',
      text: 'The conversation has been closed. Write again any time.',
    });
    await message(closed).waitFor();
    expect(await message(closed).getAttribute('data-origin')).to.equal('system');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-conversation.png') });

    // A returning visitor (a reload) finds the same conversation, each message once.
    const shown = await shownIds();
    await page.reload();
    await page.getByTestId('launcher').click();
    await message(closed).waitFor();
    expect(await shownIds()).to.deep.equal(shown);
  });

  it('sends a file the visitor picks, and says why a refused one was not sent', async () => {
    await openChat();
    const input = page.getByTestId('file-input');
    await input.setInputFiles({
      name: 'broken-lamp.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    const sent = messages().filter({ has: page.getByTestId('attachment') });
    await sent.getByTestId('message-status').filter({ hasText: 'Sent' }).waitFor();
    expect(await sent.getByTestId('attachment').textContent()).to.equal('broken-lamp.png (1 KB)');
    await eventually(() => running.core.inbound().length === 1);
    expect(running.core.inbound()[0]?.attachments[0]).to.deep.include({
      name: 'broken-lamp.png',
      contentType: 'image/png',
      size: 8,
    });

    await input.setInputFiles({
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<p>hi</p>'),
    });
    await page
      .getByTestId('notice')
      .filter({ hasText: 'page.html was not sent: Files of type "text/html" are not accepted' })
      .waitFor();
    expect(running.core.inbound()).to.have.length(1);
  });

  it('sends a message again when the connector could not store it at first', async () => {
    await openChat();
    running.core.unavailable = true;
    await write('Is anyone there?');
    const mine = messages().filter({ hasText: 'Is anyone there?' });
    await page.waitForTimeout(500);
    expect(await mine.getByTestId('message-status').textContent()).to.equal('Sending…');
    running.core.unavailable = false;
    await mine.getByTestId('message-status').filter({ hasText: 'Sent' }).waitFor();
    expect(running.core.inbound().map((m) => m.text)).to.deep.equal(['Is anyone there?']);
  });

  /**
   * A page of another site (another origin: its own server) embedding the widget, with a
   * host-signed identity.
   */
  async function openShopElsewhere(identity: Record<string, string | number>): Promise<void> {
    const attributes = Object.entries(identity)
      .map(([name, value]) => {
        const attribute = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        return `data-identity-${attribute}="${String(value)}"`;
      })
      .join(' ');
    shop = Fastify();
    shop.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          `<!doctype html><title>Shop</title><h1>Shop</h1>` +
            `<script src="${running.base}/widget.js" data-open="true" ${attributes}></script>`,
        ),
    );
    await shop.listen({ host: '127.0.0.1', port: 0 });
    await page.goto(`http://127.0.0.1:${(shop.server.address() as { port: number }).port}/`);
  }

  it('embeds in another site’s page, and shows TVox the identity that site signed', async () => {
    await openShopElsewhere(
      hostSigns({ externalId: 'cust-42', name: 'Ada Lovelace', email: 'ada@example.com' }),
    );
    await page.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
    await write('Hello from a signed-in customer.');
    await eventually(() => running.core.inbound('x-cust-42').length === 1);
    expect(running.core.inbound('x-cust-42')[0]?.sender).to.deep.equal({
      id: 'x-cust-42',
      displayName: 'Ada Lovelace',
      email: 'ada@example.com',
      locale: 'it-IT',
    });
  });

  it('refuses to start with an identity the host did not sign, and says so', async () => {
    const signed = hostSigns({ name: 'Ada Lovelace' });
    await openShopElsewhere({ ...signed, name: 'Eve' });
    await page.getByTestId('connection-state').filter({ hasText: 'Unavailable' }).waitFor();
    expect(await page.getByTestId('notice').textContent()).to.contain(
      'The chat cannot start: Request rejected: the host identity signature does not match',
    );
    expect(running.core.inbound()).to.deep.equal([]);
  });

  it('keeps the launcher and the dialog usable from the keyboard', async () => {
    await page.goto(`${running.base}/demo`);
    const launcher = page.getByTestId('launcher');
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).to.equal('true');
    await page.getByTestId('composer-input').waitFor();
    expect(
      await page.evaluate('document.activeElement?.shadowRoot?.activeElement?.tagName'),
    ).to.equal('TEXTAREA');
    await page.keyboard.press('Escape');
    expect(await launcher.getAttribute('aria-expanded')).to.equal('false');
    expect(await page.getByTestId('panel').isHidden()).to.equal(true);
  });

  it('loses and doubles nothing when the connection drops mid-conversation', async () => {
    await openChat();
    await write('First, before the drop.');
    await messages()
      .filter({ hasText: 'before the drop' })
      .getByTestId('message-status')
      .filter({ hasText: 'Sent' })
      .waitFor();
    const visitor = await visitorId();
    const before = await running.say(visitor, {
      text: 'Agent, before the drop.',
      agent: { code: '1001', name: 'Giulia' },
    });
    await message(before).waitFor();

    // The network goes away: the page is offline and the server loses the socket.
    await context.setOffline(true);
    running.dropSockets();
    await page.getByTestId('connection-state').filter({ hasText: 'Offline' }).waitFor();
    await write('Written while offline.');
    const during = await running.say(visitor, {
      text: 'Agent, while the visitor is away.',
      agent: { code: '1001', name: 'Giulia' },
    });
    const pending = messages().filter({ hasText: 'Written while offline.' });
    expect(await pending.getByTestId('message-status').textContent()).to.equal('Sending…');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'webchat-offline.png') });

    await context.setOffline(false);
    await page
      .getByTestId('connection-state')
      .filter({ hasText: 'Online' })
      .waitFor({ timeout: 20_000 });
    await pending.getByTestId('message-status').filter({ hasText: 'Sent' }).waitFor();
    await message(during).waitFor();
    await write('After coming back.');
    const after = await running.say(visitor, {
      text: 'Agent, after the return.',
      agent: { code: '1001', name: 'Giulia' },
    });
    await message(after).waitFor();
    await eventually(() => running.core.inbound(visitor).length === 3);

    expect(running.core.inbound(visitor).map((m) => m.text)).to.deep.equal([
      'First, before the drop.',
      'Written while offline.',
      'After coming back.',
    ]);
    const ids = await shownIds();
    expect(ids).to.have.length(6);
    expect(new Set(ids).size).to.equal(6);
    const texts = await messages().getByTestId('message-text').allTextContents();
    expect(texts).to.deep.equal([
      'First, before the drop.',
      'Agent, before the drop.',
      'Written while offline.',
      'Agent, while the visitor is away.',
      'After coming back.',
      'Agent, after the return.',
    ]);
  });
});
