import { NetworkApiError } from '@tvox-connector/core';
import {
  GraphApiError,
  customerFile,
  readScopedConversationId,
  scopedConversationId,
  sendInWindow,
  type SendWindow,
} from '@tvox-connector/meta-graph';
import { expectRejection } from '@tvox-connector/testkit';
import { expect } from 'chai';
import fc from 'fast-check';

const NETWORK = { network: 'instagram', label: 'Instagram' };

/** Graph's refusal of `code`/`subcode`, as the Graph client makes it. */
const refusal = (code: number, subcode?: number): GraphApiError =>
  new GraphApiError(
    'instagram',
    'send',
    'refused',
    { status: 400, networkCode: `${code}/${subcode ?? ''}: refused`, retryable: false },
    { message: 'refused', code, ...(subcode === undefined ? {} : { error_subcode: subcode }) },
  );

/** A send that answers each window in turn from `answers`, recording the windows it was called with. */
function scripted(...answers: (string | Error)[]) {
  const windows: SendWindow[] = [];
  const send = (window: SendWindow): Promise<string> => {
    windows.push(window);
    const answer = answers.shift();
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer ?? 'mid');
  };
  return { send, windows };
}

describe('the 24-hour window of the Send API', () => {
  it('sends once as a RESPONSE when Meta takes it', async () => {
    const { send, windows } = scripted('mid-1');
    expect(await sendInWindow(send, true, NETWORK)).to.equal('mid-1');
    expect(windows).to.deep.equal(['response']);
  });

  it('sends once more with HUMAN_AGENT when refused as outside the window and the app has the tag', async () => {
    const { send, windows } = scripted(refusal(10, 2018278), 'mid-2');
    expect(await sendInWindow(send, true, NETWORK)).to.equal('mid-2');
    expect(windows).to.deep.equal(['response', 'human-agent']);
  });

  it('fails for good, saying why, without the tag or when the tag is refused too', async () => {
    const without = scripted(refusal(10, 2018065));
    const error = await expectRejection(sendInWindow(without.send, false, NETWORK));
    expect(error).to.be.instanceOf(NetworkApiError);
    expect(error).to.include({ retryable: false, network: 'instagram' });
    expect(error.message).to.match(/more than 24 hours ago, and Instagram takes/);
    expect(without.windows).to.deep.equal(['response']);
    const tagged = scripted(refusal(10, 2018278), refusal(10, 2018278));
    const late = await expectRejection(sendInWindow(tagged.send, true, NETWORK));
    expect(late.message).to.match(/more than 7 days ago/);
  });

  it('passes any other failure through untouched, without a second call', async () => {
    const other = refusal(100);
    const { send, windows } = scripted(other);
    expect(await expectRejection(sendInWindow(send, true, NETWORK))).to.equal(other);
    expect(windows).to.deep.equal(['response']);
  });
});

describe('scoped conversation ids and customers’ files', () => {
  it('reads back every id it makes, and nothing else (property)', () => {
    const digits = fc.stringMatching(/^\d{1,20}$/);
    fc.assert(
      fc.property(digits, digits, (accountId, userId) => {
        expect(readScopedConversationId(scopedConversationId({ accountId, userId }))).to.deep.equal(
          { accountId, userId },
        );
      }),
    );
    fc.assert(
      fc.property(fc.string(), (id) => {
        const read = readScopedConversationId(id);
        if (read !== undefined) expect(scopedConversationId(read)).to.equal(id);
      }),
    );
  });

  it('names and types any attachment URL, keeping only web addresses (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('image', 'video', 'audio', 'file', 'share', 'story_mention'),
        fc.oneof(fc.webUrl(), fc.string()),
        fc.nat(20),
        (type, url, index) => {
          const file = customerFile(type, url, index);
          if (file === undefined) return;
          expect(['image', 'video', 'audio', 'file']).to.include(type);
          expect(new URL(file.url).protocol).to.match(/^https?:$/);
          expect(file.name).to.match(/^[^/\\]+\.[A-Za-z0-9]+$/);
          expect(file.contentType).to.match(/^[a-z]+\/[\w.+-]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
