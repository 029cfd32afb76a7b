import { expect } from 'chai';
import fc from 'fast-check';
import { hasSkills, pickAgent, type Candidate } from '../src/engine/routing';

const agent = (code: string, extra: Partial<Candidate> = {}): Candidate => ({
  code,
  skills: {},
  activeSessions: 0,
  lastOfferedAt: 0,
  ...extra,
});

describe('routing strategies', () => {
  it('round robin goes to the next agent after the last one served, wrapping around', () => {
    const pool = [agent('c'), agent('a'), agent('b')];
    const ctx = { requiredSkills: {} };
    expect(pickAgent('round-robin', pool, ctx)?.code).to.equal('a');
    expect(pickAgent('round-robin', pool, { ...ctx, lastAgentCode: 'a' })?.code).to.equal('b');
    expect(pickAgent('round-robin', pool, { ...ctx, lastAgentCode: 'c' })?.code).to.equal('a');
  });

  it('longest idle picks whoever was offered a session longest ago', () => {
    const pool = [
      agent('a', { lastOfferedAt: 300 }),
      agent('b', { lastOfferedAt: 100 }),
      agent('c', { lastOfferedAt: 200 }),
    ];
    expect(pickAgent('longest-idle', pool, { requiredSkills: {} })?.code).to.equal('b');
  });

  it('least busy picks the agent with the fewest sessions, then the longest idle', () => {
    const pool = [
      agent('a', { activeSessions: 2 }),
      agent('b', { activeSessions: 1, lastOfferedAt: 50 }),
      agent('c', { activeSessions: 1, lastOfferedAt: 10 }),
    ];
    expect(pickAgent('least-busy', pool, { requiredSkills: {} })?.code).to.equal('c');
  });

  it('skill priority picks the highest level in the required skills', () => {
    const pool = [
      agent('a', { skills: { billing: 3, italian: 9 } }),
      agent('b', { skills: { billing: 8, italian: 5 } }),
      agent('c', { skills: { billing: 9 } }),
    ];
    expect(
      pickAgent('skill-priority', pool, { requiredSkills: { billing: 1, italian: 1 } })?.code,
    ).to.equal('b');
    expect(pickAgent('skill-priority', pool, { requiredSkills: { billing: 1 } })?.code).to.equal(
      'c',
    );
  });

  it('needs every required skill at its minimum level', () => {
    expect(hasSkills({ billing: 5, italian: 2 }, { billing: 5, italian: 1 })).to.equal(true);
    expect(hasSkills({ billing: 4 }, { billing: 5 })).to.equal(false);
    expect(hasSkills({}, {})).to.equal(true);
  });

  it('always picks one of the candidates, and none from an empty pool (property)', () => {
    const candidate = fc.record({
      code: fc.stringMatching(/^[a-z]{1,4}$/),
      skills: fc.dictionary(
        fc.constantFrom('billing', 'italian', 'tech'),
        fc.integer({ min: 1, max: 10 }),
      ),
      activeSessions: fc.nat({ max: 5 }),
      lastOfferedAt: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('round-robin', 'longest-idle', 'least-busy', 'skill-priority' as const),
        fc.array(candidate, { maxLength: 8 }),
        fc.option(fc.stringMatching(/^[a-z]{1,4}$/), { nil: undefined }),
        (strategy, pool, last) => {
          const chosen = pickAgent(strategy, pool, {
            requiredSkills: { billing: 1 },
            ...(last ? { lastAgentCode: last } : {}),
          });
          if (pool.length === 0) expect(chosen).to.equal(undefined);
          else expect(pool).to.include(chosen);
        },
      ),
    );
  });
});
