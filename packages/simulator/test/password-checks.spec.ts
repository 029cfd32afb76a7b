import { createHash } from 'node:crypto';
import crypto from 'node:crypto';
import { expect } from 'chai';
import { startSimulator, type RunningSimulator } from '@tvox-connector/simulator';
import { verifyUsernameToken } from '../src/soap/envelope';
import { RestConnector } from './support/rest-connector';

const PASSWORD = 'connector-secret';
/** A wrong password of the right length, a shorter and a longer one, and none at all. */
const WRONG = ['connector-secreT', 'connector', `${PASSWORD}-and-more`, ''];

/**
 * Runs `check` counting the calls of `crypto.timingSafeEqual` it makes: a password compared with
 * `===` stops at the first differing character, so its time tells how much of a guess is right.
 */
async function constantTimeCalls(check: () => unknown): Promise<number> {
  const original = crypto.timingSafeEqual;
  let calls = 0;
  crypto.timingSafeEqual = (a, b) => {
    calls += 1;
    return original(a, b);
  };
  try {
    await check();
  } catch {
    // Refusals are what some checks end with; only the comparison is counted.
  } finally {
    crypto.timingSafeEqual = original;
  }
  return calls;
}

describe('simulator password checks', () => {
  let simulator: RunningSimulator;

  before(async () => {
    simulator = await startSimulator({
      port: 0,
      services: [{ code: 'SUPPORT' }],
      agents: [{ code: 'giulia', name: 'Giulia', password: PASSWORD }],
      connectors: [{ code: 'CONN', password: PASSWORD }],
    });
  });

  after(() => simulator.stop());

  const poll = (password: string) =>
    new RestConnector(simulator.url, 'CONN', password).call('GET', '/events?connector=CONN');

  it('admits a connector with its Basic password only, compared in constant time', async () => {
    expect((await poll(PASSWORD)).status).to.equal(200);
    for (const wrong of WRONG) expect((await poll(wrong)).status, wrong).to.equal(401);
    expect(await constantTimeCalls(() => poll('connector-secreT'))).to.be.greaterThan(0);
  });

  it('checks a WS-Security password, text or digest, in constant time', async () => {
    const text = (password: string) => ({ username: 'CONN', password, digest: false });
    expect(verifyUsernameToken(text(PASSWORD), PASSWORD)).to.equal(true);
    for (const wrong of WRONG)
      expect(verifyUsernameToken(text(wrong), PASSWORD), wrong).to.equal(false);

    const nonce = Buffer.from('a nonce of sixteen').toString('base64');
    const created = '2026-03-02T09:30:00Z';
    const digestOf = (password: string) =>
      createHash('sha1')
        .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created + password)]))
        .digest('base64');
    const digest = (password: string) => ({
      username: 'CONN',
      password: digestOf(password),
      digest: true,
      nonce,
      created,
    });
    expect(verifyUsernameToken(digest(PASSWORD), PASSWORD)).to.equal(true);
    for (const wrong of WRONG)
      expect(verifyUsernameToken(digest(wrong), PASSWORD), wrong).to.equal(false);
    expect(verifyUsernameToken({ ...digest(PASSWORD), password: 'short' }, PASSWORD)).to.equal(
      false,
    );

    expect(await constantTimeCalls(() => verifyUsernameToken(text('x'), PASSWORD))).to.equal(1);
    expect(await constantTimeCalls(() => verifyUsernameToken(digest('x'), PASSWORD))).to.equal(1);
  });

  it('logs an agent in with their password only, compared in constant time', async () => {
    for (const wrong of WRONG) {
      const refused = await simulator.client.login('giulia', wrong).then(
        () => 'logged in',
        () => 'refused',
      );
      expect(refused, wrong).to.equal('refused');
    }
    expect(
      await constantTimeCalls(() => simulator.client.login('giulia', 'wrong')),
    ).to.be.greaterThan(0);
    expect((await simulator.client.login('giulia', PASSWORD)).presence).to.equal('available');
  });
});
