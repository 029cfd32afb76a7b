import { expect } from 'chai';
import fc from 'fast-check';
import {
  adaptToCapabilities,
  backoffDelay,
  matchesContentType,
  splitText,
  type Capabilities,
} from '@tvox-connector/core';
import { agentMessage } from './outbound-fixtures';

const rich: Capabilities = {
  maxTextLength: 4096,
  attachments: { maxBytes: 10_000_000, contentTypes: ['image/*', 'application/pdf'] },
  quickReplies: { max: 3, maxTitleLength: 20 },
  typing: true,
  readReceipts: true,
};
const plain: Capabilities = { maxTextLength: 160, typing: false, readReceipts: false };
const photo = {
  name: 'photo.jpg',
  contentType: 'image/jpeg',
  size: 2_000_000,
  url: 'https://files.example.com/photo.jpg',
};

describe('capability fallback', () => {
  it('passes a message the network renders through unchanged', () => {
    const message = {
      ...agentMessage,
      text: 'Hi',
      attachments: [photo],
      quickReplies: [{ title: 'Yes' }],
    };
    expect(adaptToCapabilities(message, rich)).to.deep.equal([message]);
  });

  it('splits long text at word boundaries, numbering the parts', () => {
    const text = 'word '.repeat(100).trim();
    const parts = adaptToCapabilities({ ...agentMessage, text }, plain);
    expect(parts.map((p) => p.messageId)).to.deep.equal(['m1#1', 'm1#2', 'm1#3', 'm1#4']);
    for (const part of parts) {
      expect(part.text?.length).to.be.at.most(160);
      // A part keeps the space it was split at: together they are the text.
      expect(part.text).to.match(/^word( word)* ?$/);
    }
    expect(parts.map((p) => p.text).join('')).to.equal(text);
  });

  it('turns quick replies the network cannot show into numbered text', () => {
    const [only] = adaptToCapabilities(
      {
        ...agentMessage,
        text: 'Pick one:',
        quickReplies: [{ title: 'Billing' }, { title: 'Delivery' }],
      },
      plain,
    );
    expect(only?.text).to.equal('Pick one:\n\n1. Billing\n2. Delivery');
    expect(only?.quickReplies).to.deep.equal([]);
  });

  it('numbers quick replies beyond the network limits too', () => {
    const many = ['a', 'b', 'c', 'd'].map((title) => ({ title }));
    expect(
      adaptToCapabilities({ ...agentMessage, text: 'Choose', quickReplies: many }, rich)[0]?.text,
    ).to.contain('4. d');
  });

  it('sends a link for a file too large or of a refused type', () => {
    const big = { ...photo, name: 'video.mp4', contentType: 'video/mp4', size: 50 * 1024 * 1024 };
    const [message] = adaptToCapabilities(
      { ...agentMessage, text: 'Here you go', attachments: [photo, big] },
      rich,
    );
    expect(message?.attachments).to.deep.equal([photo]);
    expect(message?.text).to.equal(
      'Here you go\n\nvideo.mp4 (50.0 MB): https://files.example.com/photo.jpg',
    );
  });

  it('matches MIME types against exact types and wildcards, ignoring case and parameters', () => {
    const accepted = ['image/*', 'application/pdf'];
    expect(matchesContentType(accepted, 'image/PNG')).to.equal(true);
    expect(matchesContentType(accepted, 'application/pdf; name=x.pdf')).to.equal(true);
    expect(matchesContentType(accepted, 'text/plain')).to.equal(false);
    expect(matchesContentType(accepted, 'imagepng')).to.equal(false);
    expect(matchesContentType(['*/*'], 'video/mp4')).to.equal(true);
  });

  it('keeps every word, every file and every button, within the limits (property)', () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9]{1,30}$/);
    const capability = fc.record({
      maxTextLength: fc.integer({ min: 40, max: 300 }),
      typing: fc.boolean(),
      readReceipts: fc.boolean(),
      attachments: fc.option(
        fc.record({
          maxBytes: fc.integer({ min: 1, max: 1000 }),
          contentTypes: fc.constant(['image/*']),
        }),
        { nil: undefined },
      ),
      quickReplies: fc.option(
        fc.record({
          max: fc.integer({ min: 1, max: 4 }),
          maxTitleLength: fc.integer({ min: 3, max: 20 }),
        }),
        { nil: undefined },
      ),
    });
    const attachment = fc.record({
      name: fc.constantFrom('a.png', 'b.pdf'),
      contentType: fc.constantFrom('image/png', 'application/pdf'),
      size: fc.integer({ min: 0, max: 2000 }),
      url: fc.constantFrom('https://x.example/a', 'https://x.example/b'),
    });
    fc.assert(
      fc.property(
        capability,
        fc.array(word, { maxLength: 80 }),
        fc.array(attachment, { maxLength: 3 }),
        fc.array(fc.record({ title: word }), { maxLength: 5 }),
        (caps, words, attachments, quickReplies) => {
          const text = words.length > 0 ? words.join(' ') : undefined;
          if (text === undefined && attachments.length === 0) return;
          const parts = adaptToCapabilities(
            { ...agentMessage, ...(text ? { text } : {}), attachments, quickReplies },
            caps as Capabilities,
          );
          const allText = parts.map((p) => p.text ?? '').join(' ');
          for (const part of parts) {
            expect((part.text ?? '').length).to.be.at.most(caps.maxTextLength);
            if (caps.quickReplies)
              expect(part.quickReplies.length).to.be.at.most(caps.quickReplies.max);
            else expect(part.quickReplies).to.deep.equal([]);
          }
          const sent = parts.flatMap((p) => p.attachments);
          for (const a of attachments)
            expect(sent.includes(a) || allText.includes(a.url), a.name).to.equal(true);
          for (const w of words) expect(allText).to.contain(w);
          expect(new Set(parts.map((p) => p.messageId)).size).to.equal(parts.length);
        },
      ),
    );
  });

  it('splits text into parts within the limit that give back every word in order (property)', () => {
    fc.assert(
      fc.property(
        // Shorter than the limit: a word as long as it, after a space, does not fit a part whole.
        fc.array(fc.stringMatching(/^\S{1,11}$/), { maxLength: 60 }),
        fc.integer({ min: 12, max: 80 }),
        (words, limit) => {
          const parts = splitText(words.join(' '), limit);
          for (const part of parts) expect(part.length).to.be.at.most(limit);
          expect(parts.join('')).to.equal(words.join(' '));
          // Every word fits a part with the space before it, so none is cut.
          expect(parts.flatMap((p) => p.split(' ')).filter(Boolean)).to.deep.equal(words);
        },
      ),
    );
  });

  it('splits any text into parts within the limit that put together give it back (property)', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'é', '😀', ' ', '  ', '\n', '\t', '\u00a0'),
      maxLength: 300,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 2, max: 40 }), (t, limit) => {
        const parts = splitText(t, limit);
        expect(parts.join('')).to.equal(t);
        for (const part of parts) {
          expect(part.length).to.be.within(1, limit);
          // Never half a character: no surrogate without its pair.
          expect(part).to.match(/^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/);
        }
      }),
    );
  });

  it('never cuts a character in two, even inside a word longer than the limit', () => {
    const parts = splitText('😀'.repeat(10), 5);
    expect(parts.join('')).to.equal('😀'.repeat(10));
    for (const part of parts) expect(part).to.match(/^(😀)+$/u);
  });
});

describe('retry back-off', () => {
  const policy = { initialDelayMs: 500, maxDelayMs: 60_000 };

  it('doubles per attempt within a jitter of half the delay, up to the cap', () => {
    expect(backoffDelay(policy, 1, undefined, () => 1)).to.equal(500);
    expect(backoffDelay(policy, 1, undefined, () => 0)).to.equal(250);
    expect(backoffDelay(policy, 3, undefined, () => 1)).to.equal(2000);
    expect(backoffDelay(policy, 30, undefined, () => 1)).to.equal(60_000);
  });

  it('never retries sooner than the remote side asked', () => {
    expect(backoffDelay(policy, 1, 30_000, () => 0)).to.equal(30_000);
  });
});
