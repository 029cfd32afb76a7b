import {
  RemoteRejectedError,
  type OpenSessionRequest,
  type SessionStatus,
  type Transport,
} from '@tvox-connector/core';
import { expectRejection, openSessionRequest } from '@tvox-connector/testkit';
import { expect } from 'chai';
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
});
