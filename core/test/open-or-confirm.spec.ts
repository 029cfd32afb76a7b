import {
  NoLicenseError,
  RemoteRejectedError,
  type OpenSessionRequest,
  type SessionStatus,
  type Transport,
} from '@tvox-connector/core';
import { expectRejection, openSessionRequest } from '@tvox-connector/testkit';
import { expect } from 'chai';
import { LICENCE_REFUSAL_WINDOW_MS, LicenceRefusals } from '../src/relay/licence-refusals';
import { openOrConfirm } from '../src/relay/jobs/open-or-confirm';

type Opener = Pick<Transport, 'openSession' | 'getSessionStatus' | 'operations'>;

/** A release whose startSession refuses the id it already took, answering `code`. */
function refusing(
  code: string,
  meaning: RemoteRejectedError['meaning'],
  status?: SessionStatus,
): Opener {
  return {
    operations: new Set(
      status === undefined ? ['openSession'] : ['openSession', 'getSessionStatus'],
    ),
    openSession: () =>
      Promise.reject(new RemoteRejectedError('openSession', code, 'taken', meaning)),
    getSessionStatus: () => Promise.resolve({ status: status ?? 'UNKNOW' }),
  };
}

describe('opening a session a release may already have', () => {
  const request: OpenSessionRequest = openSessionRequest('retry');

  it('confirms a session that exists by its status instead of failing', async () => {
    const opened = await openOrConfirm(
      refusing('ALREADY_STARTED', 'session-exists', 'QUEUED'),
      request,
    );
    expect(opened).to.deep.equal({ sessionId: request.session.id, status: 'QUEUED' });
  });

  it('takes the session as opened when the release has no status query', async () => {
    const opened = await openOrConfirm(refusing('ALREADY_STARTED', 'session-exists'), request);
    expect(opened).to.deep.equal({ sessionId: request.session.id });
  });

  it('fails as TVox said when the session is closed or unknown, or for any other refusal', async () => {
    for (const status of ['CLOSED', 'UNKNOW'] as const) {
      const error = await expectRejection(
        openOrConfirm(refusing('ALREADY_STARTED', 'session-exists', status), request),
      );
      expect(error).to.include({ remoteCode: 'ALREADY_STARTED' });
    }
    const other = await expectRejection(
      openOrConfirm(refusing('GENERIC', 'rejected', 'QUEUED'), request),
    );
    expect(other).to.include({ remoteCode: 'GENERIC', meaning: 'rejected' });
  });

  it('counts and notes a licence refusal per channel, for alerts and readiness', async () => {
    const counted: unknown[] = [];
    const refusals = new LicenceRefusals();
    const transport: Opener = {
      operations: new Set(['openSession']),
      openSession: () =>
        Promise.reject(new NoLicenseError('openSession', 'NO_LICENSE', 'all licences in use')),
      getSessionStatus: () => Promise.resolve({ status: 'UNKNOW' }),
    };
    const clock = { now: () => 1_000_000, sleep: () => Promise.resolve() };
    const metrics = { increment: (...args: unknown[]) => counted.push(args) };
    const error = await expectRejection(
      openOrConfirm(transport, request, { metrics, refusals, clock }),
    );
    expect(error).to.include({ code: 'TVOX_ERR_NO_LICENSE', retryable: true });
    expect(counted).to.deep.equal([['tvox_license_refusals_total', { channel: 'webchat' }]]);
    expect(refusals.recent(1_000_000 + 60_000)).to.deep.equal([
      { channel: 'webchat', at: 1_000_000 },
    ]);
    expect(
      refusals.recent(1_000_000 + LICENCE_REFUSAL_WINDOW_MS),
      'after the window',
    ).to.deep.equal([]);
  });
});
