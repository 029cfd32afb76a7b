import { expect } from 'chai';
import fc from 'fast-check';
import {
  eventKey,
  pollRestarted,
  sightingOf,
  type EventSighting,
  type TvoxEvent,
} from '@tvox-connector/core';

type Named = Pick<TvoxEvent, 'sequence' | 'sessionId' | 'at' | 'epoch'>;

/** A durable event log as the stores keep it: the keys recorded under each sequence. */
class EventLog {
  private readonly keys = new Map<number, string[]>();

  /** Records `event` as the store kit does; how its sequence was seen before. */
  see(event: Named): EventSighting {
    const key = eventKey(event);
    const recorded = this.keys.get(event.sequence) ?? [];
    const sighting = sightingOf(key, recorded);
    if (sighting !== 'duplicate') this.keys.set(event.sequence, [...recorded, key]);
    return sighting;
  }
}

const at = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => new Date(ms).toISOString());

/** A stream of TVox events: sequences 1..n, each of a session, at a time. */
const stream = (sessions: readonly string[]) =>
  fc
    .array(fc.record({ sessionId: fc.constantFrom(...sessions), at }), {
      minLength: 1,
      maxLength: 40,
    })
    .map((events) => events.map((e, i): Named => ({ ...e, sequence: i + 1 })));

/** A delivery schedule: every event at least once, some several times, in any order. */
const deliveries = <T>(events: readonly T[]) =>
  fc.array(fc.nat({ max: events.length - 1 }), { maxLength: events.length * 2 }).chain((again) =>
    fc.shuffledSubarray([...events, ...again.map((i) => events[i]!)], {
      minLength: events.length + again.length,
    }),
  );

describe('TVox event stream restarts', () => {
  it('never takes reordered or repeated deliveries of one stream for a restart (property)', () => {
    fc.assert(
      fc.property(
        stream(['s1', 's2', 's3']).chain((events) =>
          deliveries(events).map((order) => ({ events, order })),
        ),
        ({ events, order }) => {
          const log = new EventLog();
          const sightings = order.map((event) => log.see(event));
          expect(sightings).to.not.include('restart');
          expect(sightings.filter((s) => s === 'new')).to.have.length(events.length);
        },
      ),
    );
  });

  it('tells every event of a restarted stream under a seen sequence, before or among late deliveries of the old one (property)', () => {
    fc.assert(
      fc.property(
        stream(['s1', 's2']),
        stream(['t1', 't2']),
        fc.boolean(),
        (before, after, lateOld) => {
          const log = new EventLog();
          for (const event of before) log.see(event);
          const seenSequences = new Set(before.map((e) => e.sequence));
          for (const event of after) {
            if (lateOld) for (const old of before) expect(log.see(old)).to.equal('duplicate');
            expect(log.see(event)).to.equal(seenSequences.has(event.sequence) ? 'restart' : 'new');
            expect(log.see(event), 'its own re-delivery').to.equal('duplicate');
          }
        },
      ),
    );
  });

  it('tells events of another epoch apart, and an event recorded before keys matches any', () => {
    const event: Named = { sequence: 4, sessionId: 's1', at: '2026-01-01T00:00:00.000Z' };
    expect(
      sightingOf(eventKey({ ...event, epoch: 'b' }), [eventKey({ ...event, epoch: 'a' })]),
    ).to.equal('restart');
    expect(sightingOf(eventKey(event), [''])).to.equal('duplicate');
    expect(sightingOf(eventKey(event), [])).to.equal('new');
  });

  it('sees a restart in a poll only when TVox answers below the acknowledged cursor (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 100 })),
        fc.integer({ min: 0, max: 100 }),
        (cursor, ahead, beyond) => {
          // An ordinary answer: events after the cursor, in any order; the last one issued at
          // least as high (or 0: the release does not say).
          const sequences = ahead.map((n) => cursor + n);
          const last = Math.max(cursor, ...sequences) + beyond;
          expect(pollRestarted(cursor, { lastSequence: last, sequences })).to.equal(false);
          expect(pollRestarted(cursor, { lastSequence: 0, sequences })).to.equal(false);
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10_000 }), fc.nat(), (cursor, seed) => {
        const last = 1 + (seed % (cursor - 1));
        expect(pollRestarted(cursor, { lastSequence: last, sequences: [] })).to.equal(true);
        expect(pollRestarted(cursor, { lastSequence: 0, sequences: [last] })).to.equal(true);
      }),
    );
  });
});
