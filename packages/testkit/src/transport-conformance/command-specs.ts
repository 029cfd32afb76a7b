import { expect } from 'chai';
import { contact, message, openRequest } from './fixtures.js';
import type { TransportHarness } from './harness.js';

/** The commands: open, send, status, close, with what they carry, and retried idempotently. */
export function commandSpecs(h: TransportHarness): void {
  describe('commands', () => {
    it('opens a session, sends a message, reads the status and closes the session', async () => {
      const transport = await h.poller();
      const session = await h.open(transport);
      expect(session.status).to.equal('BOOKED');
      await transport.sendMessage({
        session: { id: session.sessionId },
        message: message('m1', 'Hello <there> & welcome'),
      });
      expect(await h.status(transport, session.sessionId)).to.equal('BOOKED');
      await transport.closeSession({
        session: { id: session.sessionId },
        close: { reason: 'customer left' },
      });
      expect(await h.status(transport, session.sessionId)).to.equal('CLOSED');
      const ledger = await h.simulator.client.session(session.sessionId);
      expect(ledger.transcript.map((t) => t.text)).to.deep.equal(['Hello <there> & welcome']);
      expect(ledger.contact).to.deep.include(contact(ledger.contact.id));
      expect(ledger.closeReason).to.equal('customer left');
    });

    it('carries attributes, the description and the data to TVox', async () => {
      const transport = await h.poller();
      const base = openRequest('x1');
      const { sessionId } = await transport.openSession({
        ...base,
        session: { ...base.session, description: 'Order 1234', data: '{"page":"/checkout"}' },
        contact: { ...base.contact, email: 'x1@example.com', locale: 'it' },
        attributes: { vip: 'yes', language: 'it' },
      });
      const ledger = await h.simulator.client.session(sessionId);
      expect(ledger).to.deep.include({
        subject: 'Order 1234',
        channelData: '{"page":"/checkout"}',
        attributes: { vip: 'yes', language: 'it' },
      });
      expect(ledger.contact).to.deep.include({ email: 'x1@example.com', locale: 'it' });
    });

    it('reports UNKNOW for a session TVox does not know', async () => {
      const transport = await h.poller();
      expect(await h.status(transport, 'no-such-session')).to.equal('UNKNOW');
    });

    it('gets the first answer for a retried openSession, and stores a retried message once', async () => {
      const transport = await h.poller();
      const first = await h.open(transport, 'retry');
      const again = await transport.openSession(openRequest('retry'));
      expect(again.sessionId).to.equal(first.sessionId);
      const sent = message('same-id', 'only once');
      await transport.sendMessage({ session: { id: first.sessionId }, message: sent });
      await transport.sendMessage({ session: { id: first.sessionId }, message: sent });
      expect((await h.simulator.client.session(first.sessionId)).transcript).to.have.length(1);
      expect(await h.simulator.client.sessions({ connector: 'POLLER' })).to.have.length(1);
    });
  });
}
