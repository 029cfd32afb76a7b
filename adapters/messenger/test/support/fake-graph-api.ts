import { FakeSendApi } from '../../../meta-graph/test/support/fake-send-api';
import { APP_SECRET } from './messenger-fixtures';

/** Messenger's Send API faked on loopback: texts of 2,000 characters, notifications signed. */
export type FakeGraphApi = FakeSendApi;

/** Starts a fake Messenger Send API for Pages and their tokens. */
export const FakeGraphApi = {
  start: (tokens: Readonly<Record<string, string>>, now?: () => number): Promise<FakeSendApi> =>
    FakeSendApi.start({ tokens, appSecret: APP_SECRET, maxText: 2000, ...(now ? { now } : {}) }),
};
