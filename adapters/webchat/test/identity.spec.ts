import { expect } from 'chai';
import { InvalidInputError, SignatureError } from '@tvox-connector/core';
import { ManualClock } from '@tvox-connector/testkit';
import {
  VisitorTokens,
  canonicalIdentity,
  verifyHostIdentity,
} from '@tvox-connector/adapter-webchat';
import { IDENTITY_SECRET, SECRET, startChannel } from './support/webchat-harness.js';
import { hostSigns } from './support/host-signing.js';
import { VisitorSocket, frames, identify } from './support/visitor-client.js';

describe('visitor tokens', () => {
  const clock = new ManualClock();
  const tokens = new VisitorTokens(SECRET, 30, clock);

  it('gives back the visitor and the identity it was issued for', () => {
    const token = tokens.issue({ id: 'v-1', identity: { name: 'Ada', email: 'ada@example.com' } });
    expect(tokens.open(token)).to.deep.equal({
      id: 'v-1',
      identity: { name: 'Ada', email: 'ada@example.com' },
    });
  });

  it('refuses a token altered in any character, or signed with another secret', () => {
    const token = tokens.issue({ id: 'v-1' });
    const [data] = token.split('.');
    const otherVisitor = Buffer.from(JSON.stringify({ v: 'v-2', iat: 0 })).toString('base64url');
    for (const forged of [
      token.replace(data!, otherVisitor),
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      new VisitorTokens(`${SECRET}-other`, 30, clock).issue({ id: 'v-1' }),
      'not-a-token',
      `${token}.extra`,
    ])
      expect(() => tokens.open(forged), forged).to.throw(SignatureError);
  });

  it('opens a token a browser kept from an earlier version', () => {
    const issuedOn = new ManualClock(Date.UTC(2026, 0, 15, 9, 30, 0));
    const kept =
      'eyJ2Ijoidi0xIiwiaWF0IjoxNzY4NDY5NDAwLCJpZCI6eyJleHRlcm5hbElkIjoiY3VzdC00MiIsIm5hbWUiOiJBZGEifX0' +
      '.PcBYbqLLzmibNkw1CwsIEmb7MRftSGB-ebT0g1rFFVA';
    expect(new VisitorTokens(SECRET, 30, issuedOn).open(kept)).to.deep.equal({
      id: 'v-1',
      identity: { externalId: 'cust-42', name: 'Ada' },
    });
  });

  it('expires after the configured number of days', () => {
    const token = tokens.issue({ id: 'v-1' });
    clock.advance(29 * 24 * 3600 * 1000);
    expect(tokens.open(token).id).to.equal('v-1');
    clock.advance(2 * 24 * 3600 * 1000);
    expect(() => tokens.open(token)).to.throw(SignatureError, /expired/);
  });
});

describe('host identity', () => {
  const now = Date.UTC(2026, 10, 25, 10, 0, 0);
  const seconds = now / 1000;

  it('accepts what a host signs as the README shows, without signature or time', () => {
    const identity = hostSigns(
      { externalId: 'cust-42', name: 'Ada Lovelace', email: 'ada@example.com' },
      seconds - 5,
    );
    expect(verifyHostIdentity(identity, IDENTITY_SECRET, 600, now)).to.deep.equal({
      externalId: 'cust-42',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    expect(canonicalIdentity(identity)).to.equal(
      `tvox-webchat-identity-v1\ncust-42\nAda Lovelace\nada@example.com\n${seconds - 5}`,
    );
  });

  it('refuses a changed field, another secret, a stale or a future identity', () => {
    const signed = hostSigns({ name: 'Ada' }, seconds);
    const cases: [string, unknown, number][] = [
      ['changed name', { ...signed, name: 'Eve' }, now],
      ['added e-mail', { ...signed, email: 'eve@example.com' }, now],
      ['stale', signed, now + 601_000],
      ['future', hostSigns({ name: 'Ada' }, seconds + 3600), now],
    ];
    for (const [label, identity, at] of cases)
      expect(() => verifyHostIdentity(identity, IDENTITY_SECRET, 600, at), label).to.throw(
        SignatureError,
      );
    expect(() => verifyHostIdentity(signed, `${IDENTITY_SECRET}x`, 600, now)).to.throw(
      SignatureError,
      /does not match/,
    );
  });

  it('refuses any identity when the channel has no identity secret', () => {
    expect(() =>
      verifyHostIdentity(hostSigns({ name: 'Ada' }, seconds), undefined, 600, now),
    ).to.throw(SignatureError, /identitySecret/);
  });

  it('refuses a malformed identity as invalid input', () => {
    for (const identity of [
      {},
      { name: 'Ada', issuedAt: seconds },
      { issuedAt: seconds, signature: 'a'.repeat(64) },
    ])
      expect(() => verifyHostIdentity(identity, IDENTITY_SECRET, 600, now)).to.throw(
        InvalidInputError,
      );
  });
});

describe('starting a visitor (POST /visitor)', () => {
  it('keeps a returning visitor, starts a new one for a foreign token, and names one by external id', async () => {
    const running = await startChannel();
    try {
      const first = await identify(running.base);
      expect(first.status).to.equal(200);
      expect(first.body.socketUrl).to.equal(`${running.base.replace('http', 'ws')}/ws`);
      const again = await identify(running.base, { token: first.body.token });
      expect(again.body.visitorId).to.equal(first.body.visitorId);
      const foreign = await identify(running.base, { token: `${first.body.token}x` });
      expect(foreign.body.visitorId).not.to.equal(first.body.visitorId);

      const identity = hostSigns(
        { externalId: 'cust-42', name: 'Ada' },
        Math.floor(Date.now() / 1000),
      );
      const known = await identify(running.base, { token: first.body.token, identity });
      expect(known.body).to.deep.include({ visitorId: 'x-cust-42', name: 'Ada' });
      const elsewhere = await identify(running.base, { identity });
      expect(elsewhere.body.visitorId).to.equal('x-cust-42');

      const forged = await identify(running.base, { identity: { ...identity, name: 'Eve' } });
      expect(forged.status).to.equal(401);
      expect(forged.body.error?.code).to.equal('TVOX_ERR_SIGNATURE');

      // The identity reaches TVox as the contact's name.
      const socket = await VisitorSocket.open(`${running.base.replace('http', 'ws')}/ws`, {
        token: known.body.token,
      });
      await socket.ready();
      socket.send({ type: 'message', clientId: 'c-1', text: 'Hi' });
      await socket.next(frames.ack('c-1'));
      expect(running.core.inbound('x-cust-42')[0]?.sender).to.deep.include({
        id: 'x-cust-42',
        displayName: 'Ada',
      });
      await socket.close();
    } finally {
      await running.stop();
    }
  });
});
