import { z } from 'zod';
import { SessionStatus } from '../../contract/enums.js';
import type { NewJob } from '../../interfaces/store.js';
import { NonEmptyString } from '../../model/primitives.js';
import { lanes } from '../lanes.js';

/** What TVox answered about a followed session's status, to apply to it. */
export const StatusReport = z.object({
  /** The connector's key of the session. */
  sessionKey: NonEmptyString,
  status: SessionStatus,
  /** The agent the session is booked or assigned to, where the release reports it. */
  agentCode: NonEmptyString.optional(),
  agentName: NonEmptyString.optional(),
  /** When TVox answered (epoch ms). */
  at: z.number(),
});
/** What TVox answered about a followed session's status. */
export type StatusReport = z.infer<typeof StatusReport>;

/** The payload of the `applyEvent` job that applies a {@link StatusReport}. */
export const StatusReportPayload = z.object({ reported: StatusReport });
/** The payload of a status report's job. */
export type StatusReportPayload = z.infer<typeof StatusReportPayload>;

/**
 * The job applying `report`: an `applyEvent` job (it moves the session's lifecycle as an event
 * does) in the session's own status lane, so that its reports apply one at a time, in order.
 */
export function statusReportJob(report: StatusReport): NewJob {
  return {
    kind: 'applyEvent',
    lane: lanes.status(report.sessionKey),
    payload: { reported: report } satisfies StatusReportPayload,
  };
}
