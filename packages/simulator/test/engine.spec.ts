import { expect } from 'chai';
import { CONNECTOR, EngineHarness } from './support/engine-harness';

const sentAt = '2026-11-25T09:00:00.000Z';

describe('simulator engine', () => {
  describe('status flow', () => {
    it('queues a new session and offers it to an available agent', () => {
      const h = new EngineHarness([{}], [{ code: 'a1' }]);
      h.desk.login('a1');
      const id = h.open();
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1']);
      h.desk.accept('a1', id);
      h.desk.close('a1', id, 'solved');
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1', 'ASSIGNED:a1', 'CLOSED']);
      expect(h.state.sessions.get(id)?.closeReason).to.equal('solved');
    });

    it('waits in the queue until an agent logs in', () => {
      const h = new EngineHarness([{}], [{ code: 'a1' }]);
      const id = h.open();
      expect(h.statuses(id)).to.deep.equal(['QUEUED']);
      h.desk.login('a1');
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1']);
    });

    it('requeues an offer that times out and offers the next agent', () => {
      const h = new EngineHarness([{ offerTimeoutMs: 10_000 }], [{ code: 'a1' }, { code: 'a2' }]);
      h.desk.login('a1');
      h.desk.login('a2');
      const id = h.open();
      h.scheduler.advance(9_999);
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1']);
      h.scheduler.advance(1);
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1', 'QUEUED', 'BOOKED:a2']);
      const requeue = h.state.sessions.get(id)?.events[2];
      expect(requeue).to.deep.include({ status: 'QUEUED', reason: 'offer timed out' });
    });

    it('offers again to the same agent when nobody else is free', () => {
      const h = new EngineHarness([{ offerTimeoutMs: 1_000 }], [{ code: 'a1' }]);
      h.desk.login('a1');
      const id = h.open();
      h.desk.decline('a1', id);
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1', 'QUEUED', 'BOOKED:a1']);
    });

    it('respects capacity and skills', () => {
      const h = new EngineHarness(
        [{ requiredSkills: { italian: 5 } }],
        [
          { code: 'a1', capacity: 1, skills: { italian: 7 } },
          { code: 'a2', skills: { italian: 3 } },
        ],
      );
      h.desk.login('a1');
      h.desk.login('a2');
      const first = h.open();
      const second = h.open();
      expect(h.state.sessions.get(first)?.agentCode).to.equal('a1');
      expect(h.state.sessions.get(second)?.status).to.equal('QUEUED');
      h.desk.accept('a1', first);
      h.desk.close('a1', first);
      expect(h.state.sessions.get(second)).to.deep.include({ status: 'BOOKED', agentCode: 'a1' });
    });

    it('sends offers back to the queue when the agent logs out, and stops offering when away', () => {
      const h = new EngineHarness([{}], [{ code: 'a1' }]);
      h.desk.login('a1');
      const id = h.open();
      h.desk.logout('a1');
      expect(h.statuses(id).at(-1)).to.equal('QUEUED');
      h.desk.login('a1');
      h.desk.setPresence('a1', 'away');
      const other = h.open();
      expect(h.statuses(other)).to.deep.equal(['QUEUED']);
    });

    it('lets the connector close a session, and frees the agent', () => {
      const h = new EngineHarness([{}], [{ code: 'a1', capacity: 1 }]);
      h.desk.login('a1');
      const id = h.open();
      const waiting = h.open();
      expect(
        h.commands.closeSession({
          connectorCode: CONNECTOR,
          sessionId: id,
          reason: 'customer left',
        }),
      ).to.deep.equal({ result: 'SUCCESS' });
      expect(h.state.sessions.get(id)).to.deep.include({
        status: 'CLOSED',
        closeReason: 'customer left',
      });
      expect(h.state.sessions.get(waiting)?.status).to.equal('BOOKED');
      expect(h.commands.closeSession({ connectorCode: CONNECTOR, sessionId: id })).to.deep.equal({
        result: 'SUCCESS',
      });
    });
  });

  describe('agent actions', () => {
    it('refuses what the agent may not do, changing nothing', () => {
      const h = new EngineHarness([{}], [{ code: 'a1' }, { code: 'a2', password: 'secret' }]);
      h.desk.login('a1');
      const id = h.open();
      expect(() => h.desk.accept('a2', id)).to.throw(/needs it BOOKED with agent a2/);
      expect(() => h.desk.reply('a1', id, { text: 'too early' })).to.throw(/needs it ASSIGNED/);
      expect(() => h.desk.login('a2', 'wrong')).to.throw(/wrong password/);
      expect(() => h.desk.setPresence('a2', 'available')).to.throw(/logged out/);
      expect(() => h.desk.accept('nobody', id)).to.throw(/no agent with code nobody/);
      expect(h.statuses(id)).to.deep.equal(['QUEUED', 'BOOKED:a1']);
    });

    it('issues agent messages and typing with the agent name', () => {
      const h = new EngineHarness([{}], [{ code: 'a1', name: 'Giulia' }]);
      h.desk.login('a1');
      const id = h.open();
      h.desk.accept('a1', id);
      h.desk.typing('a1', id);
      const messageId = h.desk.reply('a1', id, { text: 'Buongiorno!' });
      const [typing, message] = h.events().slice(-2);
      expect(typing).to.deep.include({ type: 'agentTyping', agentCode: 'a1', sessionId: id });
      expect(message).to.deep.include({
        type: 'agentMessage',
        messageId,
        agentCode: 'a1',
        agentName: 'Giulia',
        text: 'Buongiorno!',
      });
      expect(h.state.sessions.get(id)?.transcript.at(-1)).to.deep.include({
        from: 'agent',
        text: 'Buongiorno!',
      });
    });
  });

  describe('connector commands', () => {
    it('answers a retried openSession with the first answer, and DUPLICATE for another session', () => {
      const h = new EngineHarness([{}, { code: 'SALES' }]);
      const input = {
        connectorCode: CONNECTOR,
        serviceCode: 'SUPPORT',
        requestId: 'same',
        contact: { id: 'u1', channel: 'telegram' },
        channelSessionId: '42',
      };
      const first = h.commands.openSession(input);
      expect(h.commands.openSession(input)).to.deep.equal(first);
      expect(h.state.sessions.size).to.equal(1);
      expect(h.commands.openSession({ ...input, serviceCode: 'SALES' })).to.deep.include({
        result: 'FAILED',
        errorCode: 'DUPLICATE',
      });
    });

    it('stores a message once per messageId, and refuses another message under the same id', () => {
      const h = new EngineHarness();
      const sessionId = h.open();
      const send = (text: string) =>
        h.commands.sendMessage({
          connectorCode: CONNECTOR,
          sessionId,
          message: { messageId: 'm1', text, sentAt },
        });
      expect(send('hello')).to.deep.equal({ result: 'SUCCESS' });
      expect(send('hello')).to.deep.equal({ result: 'SUCCESS' });
      expect(send('changed')).to.deep.include({ result: 'FAILED', errorCode: 'DUPLICATE' });
      expect(h.state.sessions.get(sessionId)?.transcript).to.have.length(1);
    });

    it('answers business failures with contract error codes', () => {
      const h = new EngineHarness([{}], [{ code: 'a1' }]);
      h.desk.login('a1');
      const sessionId = h.open();
      const base = {
        connectorCode: CONNECTOR,
        contact: { id: 'u', channel: 'x' },
        channelSessionId: 'c',
      };
      expect(
        h.commands.openSession({ ...base, serviceCode: 'NOPE', requestId: 'x1' }),
      ).to.deep.include({ errorCode: 'UNKNOWN_SERVICE' });
      expect(
        h.commands.openSession({
          ...base,
          connectorCode: 'OTHER',
          serviceCode: 'SUPPORT',
          requestId: 'x2',
        }),
      ).to.deep.include({
        errorCode: 'UNAUTHORIZED',
      });
      const message = { messageId: 'm', text: 'hi', sentAt };
      expect(
        h.commands.sendMessage({ connectorCode: CONNECTOR, sessionId: 'nope', message }),
      ).to.deep.include({ errorCode: 'UNKNOWN_SESSION' });
      h.desk.accept('a1', sessionId);
      h.desk.close('a1', sessionId);
      expect(
        h.commands.sendMessage({ connectorCode: CONNECTOR, sessionId, message }),
      ).to.deep.include({ errorCode: 'SESSION_CLOSED' });
      expect(h.commands.getSessionStatus({ connectorCode: CONNECTOR, sessionId })).to.deep.equal({
        result: 'SUCCESS',
        status: 'CLOSED',
      });
      expect(
        h.commands.getSessionStatus({ connectorCode: CONNECTOR, sessionId: 'nope' }),
      ).to.deep.equal({ result: 'SUCCESS', status: 'UNKNOW' });
      expect(h.commands.ackEvents({ connectorCode: CONNECTOR, upToSequence: 999 })).to.deep.include(
        { errorCode: 'INVALID_REQUEST' },
      );
    });

    it('polls events after a sequence, limited to max, and forgets them once acknowledged', () => {
      const h = new EngineHarness();
      h.open();
      h.open();
      h.open();
      const poll = (afterSequence: number, max = 100) =>
        h.commands.pollEvents({ connectorCode: CONNECTOR, afterSequence, max });
      expect(poll(0, 2).events?.map((e) => e.sequence)).to.deep.equal([1, 2]);
      expect(poll(2).events?.map((e) => e.sequence)).to.deep.equal([3]);
      expect(poll(0).lastSequence).to.equal(3);
      h.commands.ackEvents({ connectorCode: CONNECTOR, upToSequence: 2 });
      expect(poll(0).events?.map((e) => e.sequence)).to.deep.equal([3]);
      h.commands.ackEvents({ connectorCode: CONNECTOR, upToSequence: 3 });
      expect(poll(0)).to.deep.equal({ result: 'SUCCESS', lastSequence: 3 });
    });
  });
});
