/**
 * The agent console in a real (headless) browser: an agent signs in, takes a session a connector
 * opened through the REST contract, talks with the customer and closes it, and the connector sees
 * every step as poll events. Needs the console compiled (`tsc -b`) and Debian's chromium.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { request } from 'undici';
import { startSimulator, type RunningSimulator, type WireEvent } from '@tvox-connector/simulator';
import { stepOf } from './support/wire-events';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', '..', 'build', 'screenshots');

const SERVICE = 'support';
const CONNECTOR = 'webchat-connector';
const AGENT = { code: '1001', name: 'Giulia Bianchi', password: 'desk-secret' };

interface OpenAnswer {
  readonly result: string;
  readonly sessionId?: string;
  readonly status?: string;
}

interface PollAnswer {
  readonly result: string;
  readonly events?: WireEvent[];
  readonly lastSequence: number;
}

/** A connector driving the customer side through the REST contract. */
class Customer {
  private requests = 0;
  private messages = 0;

  constructor(private readonly baseUrl: string) {}

  async open(
    contact: Record<string, string>,
    extra: { subject?: string; attributes?: Record<string, string>; channelData?: string } = {},
  ): Promise<string> {
    const answer = await this.call<OpenAnswer>('POST', '/sessions', {
      connectorCode: CONNECTOR,
      serviceCode: SERVICE,
      requestId: `req-${++this.requests}-${Date.now()}`,
      contact,
      channelSessionId: `chat-${contact.id ?? 'unknown'}`,
      ...extra,
    });
    expect(answer.result, JSON.stringify(answer)).to.equal('SUCCESS');
    return answer.sessionId!;
  }

  async send(
    sessionId: string,
    text: string,
    attachments?: { name: string; contentType: string; size: number; url: string }[],
  ): Promise<void> {
    const answer = await this.call<{ result: string }>('POST', `/sessions/${sessionId}/messages`, {
      connectorCode: CONNECTOR,
      message: {
        messageId: `msg-${++this.messages}-${Date.now()}`,
        text,
        ...(attachments === undefined ? {} : { attachments }),
        sentAt: new Date().toISOString(),
      },
    });
    expect(answer, JSON.stringify(answer)).to.deep.equal({ result: 'SUCCESS' });
  }

  async close(sessionId: string, reason: string): Promise<void> {
    const answer = await this.call<{ result: string }>('POST', `/sessions/${sessionId}/close`, {
      connectorCode: CONNECTOR,
      reason,
    });
    expect(answer).to.deep.equal({ result: 'SUCCESS' });
  }

  /** Every event of the session still pending for the connector (nothing is acknowledged). */
  async events(sessionId: string): Promise<WireEvent[]> {
    const answer = await this.call<PollAnswer>(
      'GET',
      `/events?connector=${CONNECTOR}&after=0&max=1000`,
    );
    expect(answer.result).to.equal('SUCCESS');
    return (answer.events ?? []).filter((e) => e.sessionId === sessionId);
  }

  private async call<T>(method: 'GET' | 'POST', route: string, body?: object): Promise<T> {
    const response = await request(`${this.baseUrl}/mc/cxf/rest${route}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    expect(response.statusCode, `${method} ${route}`).to.equal(200);
    return (await response.body.json()) as T;
  }
}

/** Retries `probe` until it returns a value (not undefined), or fails after `ms`. */
async function eventually<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The first event that matches, once the connector can poll it. */
function eventOf(
  customer: Customer,
  sessionId: string,
  match: (e: WireEvent) => boolean,
): Promise<WireEvent> {
  return eventually(async () => (await customer.events(sessionId)).find(match));
}

describe('agent console (browser)', function () {
  this.timeout(30000);

  let simulator: RunningSimulator;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let customer: Customer;
  /** Uncaught errors in the page: every test ends with none. */
  let pageErrors: Error[];

  before(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: SERVICE, name: 'Customer support', offerTimeoutMs: 120_000 }],
      agents: [{ ...AGENT, capacity: 3 }],
      connectors: [{ code: CONNECTOR }],
    });
    customer = new Customer(simulator.url);
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
  });

  beforeEach(async () => {
    await simulator.client.reset();
    context = await browser.newContext({ viewport: { width: 1440, height: 860 } });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
  });

  afterEach(async () => {
    await (context as BrowserContext | undefined)?.close();
    expect(pageErrors.map((e) => e.message)).to.deep.equal([]);
  });

  after(async () => {
    // Either may be missing when `before` failed.
    await (browser as Browser | undefined)?.close();
    await (simulator as RunningSimulator | undefined)?.stop();
  });

  /** Opens the console and signs the agent in (after a wrong password is refused). */
  async function signIn(): Promise<void> {
    await page.goto(`${simulator.url}/console/`);
    await page.getByTestId('login-code').fill(AGENT.code);
    await page.getByTestId('login-password').fill('wrong');
    await page.getByTestId('login-submit').click();
    await page
      .getByTestId('login-error')
      .filter({ hasText: `wrong password for agent ${AGENT.code}` })
      .waitFor();

    await page.getByTestId('login-password').fill(AGENT.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('console').waitFor();
    expect(await page.getByTestId('agent-name').textContent()).to.equal(AGENT.name);
    expect(await page.getByTestId('agent-code').textContent()).to.equal(AGENT.code);
  }

  const sessionItem = (sessionId: string) =>
    page.locator(`[data-testid="session-item"][data-session-id="${sessionId}"]`);
  const messages = () => page.getByTestId('transcript').getByTestId('message');

  it('takes a session from offer to close, and the connector sees each step', async () => {
    const sessionId = await customer.open(
      { id: 'tg-5501', channel: 'telegram', displayName: 'Marco Rossi' },
      {
        subject: 'Order 1042 not delivered',
        attributes: { orderId: 'A-1042', tier: 'gold' },
        channelData: '{"chatType":"private"}',
      },
    );
    await customer.send(sessionId, 'Hello, my order 1042 has not arrived yet.');

    await signIn();

    // Away, then Available again: the presence switch reaches the simulator.
    await page.getByTestId('presence-away').click();
    await eventually(async () =>
      (await simulator.client.desk(AGENT.code)).agent.presence === 'away' ? true : undefined,
    );
    await page.locator('[data-testid="presence-away"][aria-pressed="true"]').waitFor();
    await page.getByTestId('presence-available').click();
    await eventually(async () =>
      (await simulator.client.desk(AGENT.code)).agent.presence === 'available' ? true : undefined,
    );

    // The offer: contact, channel, subject and a countdown in the list.
    const item = sessionItem(sessionId);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).to.equal('BOOKED');
    expect(await item.getByTestId('session-contact').textContent()).to.equal('Marco Rossi');
    expect(await item.getByTestId('channel-badge').textContent()).to.equal('telegram');
    expect(await item.getByTestId('session-subject').textContent()).to.equal(
      'Order 1042 not delivered',
    );
    expect(await item.getByTestId('offer-countdown').textContent()).to.match(
      /^Expires in \d+:\d\d$/,
    );

    // The selected offer's details: contact, channel session, attributes.
    await item.getByTestId('session-select').click();
    const header = page.getByTestId('session-header');
    expect(await header.getByTestId('contact-name').textContent()).to.equal('Marco Rossi');
    expect(await header.getByTestId('contact-id').textContent()).to.equal('tg-5501');
    const details = page.getByTestId('session-details');
    expect(await details.getByTestId('channel-session-id').textContent()).to.equal('chat-tg-5501');
    expect(await details.getByTestId('channel-data').textContent()).to.contain('"chatType"');
    expect(await details.getByTestId('attributes').innerText()).to.match(
      /orderId\s+A-1042\s+tier\s+gold/,
    );

    await item.getByTestId('session-accept').click();
    await page.locator('[data-testid="session-item"][data-status="ASSIGNED"]').waitFor();
    await messages().filter({ hasText: 'my order 1042 has not arrived' }).waitFor();
    expect(await messages().first().getAttribute('data-from')).to.equal('customer');

    // Typing is announced while typing; Enter sends.
    const composer = page.getByTestId('composer-input');
    await composer.pressSequentially('Sorry about that,');
    await eventOf(customer, sessionId, (e) => e.agentTyping !== undefined);
    await composer.press('Shift+Enter');
    await composer.pressSequentially('it ships today.');
    await composer.press('Enter');
    const reply = messages().filter({ hasText: 'it ships today.' });
    await reply.waitFor();
    expect(await reply.getAttribute('data-from')).to.equal('agent');
    expect(await reply.getByTestId('message-text').textContent()).to.equal(
      'Sorry about that,\nit ships today.',
    );
    expect(await composer.inputValue()).to.equal('');

    // Close with a reason.
    await page.getByTestId('session-close').click();
    await page.getByTestId('close-reason').fill('Resolved: shipping today');
    await page.getByTestId('close-confirm').click();
    await page
      .locator(`[data-testid="session-item"][data-session-id="${sessionId}"][data-status="CLOSED"]`)
      .waitFor();
    await page
      .getByTestId('closed-banner')
      .filter({ hasText: 'Resolved: shipping today' })
      .waitFor();

    // Everything the page did reached the connector, in order.
    const events = await customer.events(sessionId);
    const steps = events.map(stepOf);
    expect(steps).to.include.ordered.members(['QUEUED', 'BOOKED', 'ASSIGNED']);
    expect(steps.slice(steps.indexOf('ASSIGNED'))).to.deep.equal([
      'ASSIGNED',
      'agentTyping',
      'agentMessage',
      'CLOSED',
    ]);
    const changes = events.flatMap((e) => (e.statusChanged ? [e.statusChanged] : []));
    expect(changes.find((e) => e.status === 'ASSIGNED')).to.deep.include({
      agentCode: AGENT.code,
      agentName: AGENT.name,
    });
    expect(events.find((e) => e.agentTyping)?.agentTyping).to.deep.equal({
      agentCode: AGENT.code,
    });
    expect(events.find((e) => e.agentMessage)?.agentMessage).to.deep.include({
      agentCode: AGENT.code,
      agentName: AGENT.name,
      text: 'Sorry about that,\nit ships today.',
    });
    expect(changes.find((e) => e.status === 'CLOSED')).to.deep.include({
      reason: 'Resolved: shipping today',
    });
  });

  it('shows customer messages live in the open chat, without reloading', async () => {
    // Yesterday's work: a session already handled and closed shows dimmed in the list.
    const earlier = await customer.open(
      { id: 'fb-1200', channel: 'messenger', displayName: 'Anna Galli' },
      { subject: 'Opening hours' },
    );
    await customer.send(earlier, 'Are you open on Sunday?');
    await simulator.client.login(AGENT.code, AGENT.password);
    await simulator.client.accept(AGENT.code, earlier);
    await simulator.client.reply(AGENT.code, earlier, { text: 'Yes, from 10 to 18.' });
    await simulator.client.closeSession(AGENT.code, earlier, 'answered');

    const sessionId = await customer.open(
      {
        id: 'wa-39333',
        channel: 'whatsapp',
        displayName: 'Sara Conti',
        phone: '+39 333 123 4567',
        email: 'sara.conti@example.com',
        locale: 'it-IT',
      },
      { subject: 'Change delivery address', attributes: { orderId: 'B-2077', language: 'it' } },
    );
    await customer.send(sessionId, 'Hi! Can I still change the delivery address of my order?');

    await signIn();
    await sessionItem(earlier).and(page.locator('[data-status="CLOSED"]')).waitFor();
    await sessionItem(sessionId).getByTestId('session-accept').click();
    await sessionItem(sessionId).and(page.locator('[data-status="ASSIGNED"]')).waitFor();
    expect(await page.getByTestId('contact-phone').textContent()).to.equal('+39 333 123 4567');
    expect(await page.getByTestId('contact-email').textContent()).to.equal(
      'sara.conti@example.com',
    );
    expect(await page.getByTestId('contact-locale').textContent()).to.equal('it-IT');

    await page.getByTestId('composer-input').fill('Of course. Which address should we use?');
    await page.getByTestId('composer-send').click();
    await messages().filter({ hasText: 'Which address should we use?' }).waitFor();

    // A marker on the window survives only if the page is never reloaded.
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await customer.send(sessionId, 'Via Roma 12, 20121 Milano. Here is the new address:', [
      {
        name: 'new-address.pdf',
        contentType: 'application/pdf',
        size: 48_213,
        url: 'http://files.example.com/a/new-address.pdf',
      },
    ]);
    const live = messages().filter({ hasText: 'Via Roma 12' });
    await live.waitFor();
    expect(await live.getAttribute('data-from')).to.equal('customer');
    const attachment = live.getByTestId('attachment');
    expect(await attachment.getAttribute('href')).to.equal(
      'http://files.example.com/a/new-address.pdf',
    );
    expect(await attachment.innerText()).to.match(/new-address\.pdf[\s\S]*47 KB/);
    expect(
      await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
    ).to.equal(true);
    expect(await page.getByTestId('transcript').getAttribute('aria-live')).to.equal('polite');

    // Another customer writes meanwhile: a fresh offer shows up with its countdown.
    const other = await customer.open(
      { id: 'web-7781', channel: 'webchat', displayName: 'Luca Ferri' },
      { subject: 'Invoice request' },
    );
    await customer.send(other, 'Good morning, I need an invoice for order C-3310.');
    await sessionItem(other).getByTestId('offer-countdown').waitFor();

    await page.getByTestId('composer-input').fill('Thanks Sara, I am updating it now');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'agent-console.png') });
  });

  it('shows the API message in a toast when an action fails', async () => {
    const sessionId = await customer.open(
      { id: 'tg-8080', channel: 'telegram', displayName: 'Paolo Neri' },
      { subject: 'Refund' },
    );
    // No live updates: the page keeps showing the offer after the customer left.
    await page.route('**/admin/api/changes', (route) => route.abort());
    await signIn();
    await sessionItem(sessionId).getByTestId('session-accept').waitFor();
    await customer.close(sessionId, 'customer left');

    await sessionItem(sessionId).getByTestId('session-accept').click();
    const toast = page.getByTestId('toast-error');
    await toast.waitFor();
    expect(await toast.innerText())
      .to.contain('Could not accept the session')
      .and.contain(`session ${sessionId} is CLOSED with agent ${AGENT.code}`);
    // The desk is fetched again after the failure: the stale offer is shown closed.
    await sessionItem(sessionId).and(page.locator('[data-status="CLOSED"]')).waitFor();
    await page.getByTestId('closed-banner').filter({ hasText: 'customer left' }).waitFor();
  });
});
