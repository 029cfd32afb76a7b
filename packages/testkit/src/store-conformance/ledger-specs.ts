import type { MessageQuery, MessageUpdate } from '@tvox-connector/core';
import { expect } from 'chai';
import { FAILURE, claim, conversation, entry, jobOf } from './fixtures.js';
import type { StoreHarness } from './harness.js';

/** The ledger: queries, updates from job effects, receipts. */
export function ledgerSpecs(h: StoreHarness): void {
  describe('ledger', () => {
    /** Completes a job with `messages` as its effects. */
    const update = async (...messages: MessageUpdate[]) => {
      const id = `job-${h.clock.now()}`;
      await h.store.accept([entry(id, { lane: `U${id}`, conversation: conversation('jobs') })]);
      const job = jobOf(await claim(h.store, 'w1'), id);
      expect(await h.store.complete(job, { messages })).to.equal(true);
      h.clock.advance(1);
    };
    const outbound = (id: string, key = conversation()) =>
      entry(id, {
        direction: 'outbound',
        lane: `out:${key.id}`,
        conversation: key,
        sessionKey: 's1',
      });

    it('lists messages newest first, matching every filter given, up to a limit', async () => {
      await h.store.accept([
        entry('in1', { acceptedAt: 1 }),
        entry('in2', { acceptedAt: 3, sessionKey: 's1' }),
      ]);
      await h.store.accept([
        outbound('out1'),
        entry('other', { acceptedAt: 2, conversation: conversation('c2') }),
      ]);
      await update({ id: 'in1', state: 'sent' });
      const ids = async (query: MessageQuery) =>
        (await h.store.listMessages(query)).map((m) => m.id);
      expect(await ids({ conversation: conversation() })).to.deep.equal(['out1', 'in2', 'in1']);
      expect(await ids({ conversation: conversation(), limit: 2 })).to.deep.equal(['out1', 'in2']);
      expect(await ids({ sessionKey: 's1' })).to.deep.equal(['out1', 'in2']);
      expect(await ids({ direction: 'outbound' })).to.deep.equal(['out1']);
      expect(await ids({ state: 'sent' })).to.deep.equal(['in1']);
      expect(
        await ids({ conversation: conversation(), direction: 'inbound', state: 'accepted' }),
      ).to.deep.equal(['in2']);
      expect(await ids({ conversation: conversation('c2') })).to.deep.equal(['other']);
    });

    it('applies updates: state, session, network ids, and a failure until a later state', async () => {
      await h.store.accept([outbound('o1')]);
      await update(
        { id: 'o1', state: 'failed', failure: FAILURE, networkMessageIds: ['n1'] },
        { id: 'nope', state: 'sent' },
      );
      expect(await h.store.getMessage('o1')).to.deep.include({
        state: 'failed',
        failure: FAILURE,
        networkMessageIds: ['n1'],
        sessionKey: 's1',
      });
      await update({ id: 'o1', state: 'sent', networkMessageIds: ['n2', 'n3'] });
      const sent = await h.store.getMessage('o1');
      expect(sent).to.deep.include({ state: 'sent', networkMessageIds: ['n2', 'n3'] });
      expect(sent).to.not.have.property('failure');
      expect(await h.store.getMessage('nope')).to.equal(undefined);
    });

    it('moves outbound messages to delivered then read by network id, never backwards', async () => {
      await h.store.accept([outbound('o1'), outbound('o2'), outbound('o3')]);
      await update(
        { id: 'o1', state: 'sent', networkMessageIds: ['n1a', 'n1b'] },
        { id: 'o2', state: 'sent', networkMessageIds: ['n2'] },
        { id: 'o3', state: 'sent', networkMessageIds: ['n3'] },
      );
      expect(await h.store.applyReceipts(conversation(), ['n1b', 'n2'], 'delivered')).to.equal(2);
      expect(await h.store.applyReceipts(conversation(), ['n2', 'n3'], 'read')).to.equal(2);
      expect(
        await h.store.applyReceipts(conversation(), ['n2', 'n3', 'unknown'], 'delivered'),
      ).to.equal(0);
      const states = await Promise.all(
        ['o1', 'o2', 'o3'].map(async (id) => (await h.store.getMessage(id))?.state),
      );
      expect(states).to.deep.equal(['delivered', 'read', 'read']);
      expect((await h.store.getMessage('o1'))?.updatedAt).to.equal(h.clock.now());
    });

    it('applies receipts only to outbound messages of the conversation named', async () => {
      await h.store.accept([
        outbound('o1'),
        outbound('o2', conversation('c2')),
        entry('i1', { networkMessageIds: ['n1'] }),
      ]);
      await update(
        { id: 'o1', state: 'sent', networkMessageIds: ['n1'] },
        { id: 'o2', state: 'sent', networkMessageIds: ['n1'] },
      );
      expect(await h.store.applyReceipts(conversation(), ['n1'], 'read')).to.equal(1);
      expect((await h.store.getMessage('o1'))?.state).to.equal('read');
      expect((await h.store.getMessage('o2'))?.state).to.equal('sent');
      expect((await h.store.getMessage('i1'))?.state).to.equal('accepted');
    });
  });
}
