import type { DistributionStrategy, Skills } from '../config/simulator-config.js';

/** What routing knows of an agent who could take a session. */
export interface Candidate {
  readonly code: string;
  readonly skills: Skills;
  /** Sessions offered to or assigned to the agent now. */
  readonly activeSessions: number;
  readonly lastOfferedAt: number;
}

/** What routing knows of the service. */
export interface RoutingContext {
  readonly requiredSkills: Skills;
  /** The agent the previous session of the service went to (round robin). */
  readonly lastAgentCode?: string;
}

/** Whether `skills` meets every required skill at its minimum level. */
export function hasSkills(skills: Skills, required: Skills): boolean {
  return Object.entries(required).every(([skill, level]) => (skills[skill] ?? 0) >= level);
}

const byCode = (a: Candidate, b: Candidate): number => a.code.localeCompare(b.code);
const longestIdleFirst = (a: Candidate, b: Candidate): number =>
  a.lastOfferedAt - b.lastOfferedAt || byCode(a, b);
const skillScore = (c: Candidate, required: Skills): number =>
  Object.keys(required).length === 0
    ? Object.values(c.skills).reduce((sum, level) => sum + level, 0)
    : Object.keys(required).reduce((sum, skill) => sum + (c.skills[skill] ?? 0), 0);

/** The distribution strategies, one ordering each: the agent that sorts first gets the offer. */
const STRATEGIES: Readonly<
  Record<DistributionStrategy, (ctx: RoutingContext) => (a: Candidate, b: Candidate) => number>
> = {
  // The next code after the last agent served, wrapping around.
  'round-robin': (ctx) => {
    const rank = (c: Candidate): number =>
      ctx.lastAgentCode !== undefined && c.code > ctx.lastAgentCode ? 0 : 1;
    return (a, b) => rank(a) - rank(b) || byCode(a, b);
  },
  'longest-idle': () => longestIdleFirst,
  'least-busy': () => (a, b) => a.activeSessions - b.activeSessions || longestIdleFirst(a, b),
  'skill-priority': (ctx) => (a, b) =>
    skillScore(b, ctx.requiredSkills) - skillScore(a, ctx.requiredSkills) || longestIdleFirst(a, b),
};

/** Picks the agent to offer a session to, or undefined when `pool` is empty. */
export function pickAgent(
  strategy: DistributionStrategy,
  pool: readonly Candidate[],
  ctx: RoutingContext,
): Candidate | undefined {
  const [best] = [...pool].sort(STRATEGIES[strategy](ctx));
  return best;
}
