/**
 * The quick start, end to end in headless Chromium: `tvox-connector demo` (what `npm start`
 * runs) in its own process; a customer on the demo shop page writes; an agent on the simulator's
 * console accepts and replies; the customer sees the agent's name and the reply; the agent closes
 * and the customer sees the close notice; Ctrl-C stops everything. Over REST and over SOAP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '@tvox-connector/testkit';

const BIN = join(__dirname, '..', 'packages', 'cli', 'dist', 'bin', 'tvox-connector.js');
const SCREENSHOTS = join(__dirname, '..', 'build', 'screenshots');

/** The running demo and the two pages it printed. */
interface Demo {
  readonly process: ChildProcess;
  readonly chatUrl: string;
  readonly consoleUrl: string;
  output(): string;
}

async function startDemo(transport: 'rest' | 'soap', data: string): Promise<Demo> {
  const args = [BIN, 'demo', '--transport', transport, '--data', data];
  args.push('--port', String(await freePort()), '--simulator-port', String(await freePort()));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const deadline = Date.now() + 20_000;
  while (!output.includes('agent console')) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`the demo did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = (label: string): string => {
    const found = new RegExp(`${label}\\s+(http\\S+)`).exec(output)?.[1];
    if (found === undefined) throw new Error(`no ${label} URL in:\n${output}`);
    return found;
  };
  return {
    process: child,
    chatUrl: url('customer chat page'),
    consoleUrl: url('agent console'),
    output: () => output,
  };
}

/** Sends Ctrl-C and resolves with the exit code. */
function interrupt(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
    child.kill('SIGINT');
  });
}

for (const transport of ['rest', 'soap'] as const) {
  describe(`quick start over ${transport.toUpperCase()} (browser)`, function () {
    this.timeout(60_000);
    let browser: Browser;
    let demo: Demo | undefined;
    let data: string;

    before(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
      });
    });

    beforeEach(async () => {
      data = mkdtempSync(join(tmpdir(), 'tvox-demo-'));
      demo = await startDemo(transport, data);
    });

    afterEach(() => {
      if (demo?.process.exitCode === null) demo.process.kill('SIGKILL');
      rmSync(data, { recursive: true, force: true });
    });

    after(async () => {
      await (browser as Browser | undefined)?.close();
    });

    it('a customer and an agent chat from first message to close', async () => {
      const running = demo!;
      const errors: string[] = [];
      const customer: Page = await (await browser.newContext()).newPage();
      const agent: Page = await (await browser.newContext()).newPage();
      for (const page of [customer, agent]) page.on('pageerror', (e) => errors.push(e.message));
      const transcript = customer.getByTestId('transcript').getByTestId('message');

      await customer.goto(running.chatUrl);
      await customer.getByTestId('launcher').click();
      await customer.getByTestId('connection-state').filter({ hasText: 'Online' }).waitFor();
      await customer.getByTestId('composer-input').fill('Hello, my lamp arrived broken.');
      await customer.getByTestId('composer-input').press('Enter');
      await transcript
        .filter({ hasText: 'arrived broken' })
        .getByTestId('message-status')
        .filter({ hasText: 'Sent' })
        .waitFor();

      await agent.goto(running.consoleUrl);
      await agent.getByTestId('login-code').fill('giulia');
      await agent.getByTestId('login-submit').click();
      const offer = agent.locator('[data-testid="session-item"][data-status="BOOKED"]');
      await offer.waitFor({ timeout: 20_000 });
      await offer.getByTestId('session-accept').click();
      const agentTranscript = agent.getByTestId('transcript').getByTestId('message');
      await agentTranscript.filter({ hasText: 'my lamp arrived broken' }).waitFor();

      await transcript
        .filter({ hasText: 'Giulia Bianchi has joined the conversation.' })
        .waitFor({ timeout: 15_000 });
      await agent.getByTestId('composer-input').fill('I am sorry! A new one ships today.');
      await agent.getByTestId('composer-input').press('Enter');
      const reply = transcript.filter({ hasText: 'A new one ships today.' });
      await reply.waitFor({ timeout: 15_000 });
      expect(await reply.getAttribute('data-origin')).to.equal('agent');
      expect(await reply.getByTestId('author').textContent()).to.equal('Giulia Bianchi');

      await agent.getByTestId('session-close').click();
      await agent.getByTestId('close-reason').fill('Replacement sent');
      await agent.getByTestId('close-confirm').click();
      const closed = transcript.filter({ hasText: 'The conversation has been closed.' });
      await closed.waitFor({ timeout: 15_000 });
      expect(await closed.getAttribute('data-origin')).to.equal('system');
      await customer.screenshot({ path: join(SCREENSHOTS, `quickstart-${transport}.png`) });

      const texts = await transcript.getByTestId('message-text').allTextContents();
      expect(
        texts.filter((t) => t.includes('A new one ships today.')),
        'shown once',
      ).to.have.length(1);
      expect(errors).to.deep.equal([]);
      expect(await interrupt(running.process), running.output()).to.equal(0);
      expect(running.output()).to.include('demo stopped');
    });
  });
}
