import { expect } from 'chai';
import {
  StoreError,
  StoreGate,
  messageFilters,
  rowId,
  runNow,
  runToEnd,
  step,
  type Awaitable,
  type Procedure,
} from '@tvox-connector/core';

/** A procedure over one table call, as the store kit writes them. */
function* doubled(insert: (value: number) => Awaitable<number>): Procedure<number[]> {
  const first = yield* step(insert(1));
  const second = yield* step(insert(first + 1));
  return [first, second];
}

describe('store kit procedures and guards', () => {
  it('runs one procedure on synchronous tables at once and awaits asynchronous ones in order', async () => {
    const calls: number[] = [];
    const sync = (value: number) => (calls.push(value), value * 2);
    expect(runNow(doubled(sync))).to.deep.equal([2, 6]);
    const later = async (value: number) => (calls.push(value), value * 2);
    expect(await runToEnd(doubled(later))).to.deep.equal([2, 6]);
    expect(calls).to.deep.equal([1, 3, 1, 3]);
  });

  it('refuses a promise inside a synchronous transaction', () => {
    expect(() => runNow(doubled(async (value) => value))).to.throw(/synchronous transaction/);
  });

  it('opens a store on migrate and refuses it before, and after close, with a StoreError', async () => {
    const gate = new StoreGate<string>();
    expect(() => gate.opened('accept')).to.throw(StoreError, 'call migrate() first');
    gate.open('db');
    gate.open('another');
    expect(gate.opened('accept')).to.equal('db');
    let shutDowns = 0;
    const shutDown = async () => {
      shutDowns += 1;
    };
    await Promise.all([gate.close(shutDown), gate.close(shutDown)]);
    expect(shutDowns).to.equal(1);
    expect(() => gate.opened('accept')).to.throw(StoreError, 'the store is closed');
    expect(() => gate.assertNotClosed('migrate')).to.throw(StoreError, 'the store is closed');
  });

  it('names a row only for a job id a number holds exactly', () => {
    expect(rowId('42')).to.equal(42);
    expect(rowId('9007199254740991')).to.equal(Number.MAX_SAFE_INTEGER);
    for (const id of ['0', '042', '-1', '1.5', 'job-1', '9007199254740993', '12345678901234567']) {
      expect(rowId(id), id).to.equal(undefined);
    }
  });

  it('filters the ledger on every field given, with the parameters of the dialect', () => {
    expect(messageFilters({}, (n) => `$${n}`)).to.deep.equal({ where: '', values: [] });
    expect(
      messageFilters(
        { conversation: { channel: 'webchat', id: 'c1' }, state: 'sent', limit: 5 },
        (n) => `@p${n}`,
      ),
    ).to.deep.equal({
      where: 'WHERE channel = @p1 AND conversation_id = @p2 AND state = @p3',
      values: ['webchat', 'c1', 'sent'],
    });
  });
});
