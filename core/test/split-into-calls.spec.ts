import { expect } from 'chai';
import fc from 'fast-check';
import {
  OutboundMessage,
  adaptToCapabilities,
  type Attachment,
  type Capabilities,
} from '@tvox-connector/core';
import { agentMessage } from './outbound-fixtures';

/** Telegram's calls: a text of 4096, or one file with a caption of 1024; 12 buttons. */
const oneFilePerCall: Capabilities = {
  maxTextLength: 4096,
  attachments: {
    maxBytes: 5_000_000,
    contentTypes: ['image/*', 'application/pdf'],
    maxPerCall: 1,
    maxCaptionLength: 1024,
  },
  quickReplies: { max: 12, maxTitleLength: 64 },
  typing: true,
  readReceipts: false,
};
const file = (name: string, contentType = 'application/pdf'): Attachment => ({
  name,
  contentType,
  size: 1000,
  url: `https://files.example.com/${name}`,
});
const label = file('label.jpg', 'image/jpeg');
const invoice = file('invoice.pdf');

/** What each part carries, for reading examples at a glance. */
const shapes = (parts: readonly OutboundMessage[]) =>
  parts.map((p) => ({
    id: p.messageId,
    text: p.text,
    files: p.attachments.map((a) => a.name),
    buttons: p.quickReplies.length,
  }));

describe('splitting outbound messages into calls', () => {
  it('puts the text with the first file as its caption, each file in a call, the buttons on the last', () => {
    const parts = adaptToCapabilities(
      {
        ...agentMessage,
        text: 'Here is the label and the invoice',
        attachments: [label, invoice],
        quickReplies: [{ title: 'Thanks' }],
      },
      oneFilePerCall,
    );
    expect(shapes(parts)).to.deep.equal([
      {
        id: 'm1#1',
        text: 'Here is the label and the invoice',
        files: ['label.jpg'],
        buttons: 0,
      },
      { id: 'm1#2', text: undefined, files: ['invoice.pdf'], buttons: 1 },
    ]);
  });

  it('sends a text too long for a caption before the files, and its last part as the caption', () => {
    const long = 'a'.repeat(2000);
    expect(
      shapes(
        adaptToCapabilities({ ...agentMessage, text: long, attachments: [label] }, oneFilePerCall),
      ),
    ).to.deep.equal([
      { id: 'm1#1', text: long, files: [], buttons: 0 },
      { id: 'm1#2', text: undefined, files: ['label.jpg'], buttons: 0 },
    ]);
    const longer = `${'word '.repeat(900)}the end`;
    const [first, second] = adaptToCapabilities(
      { ...agentMessage, text: longer, attachments: [label] },
      oneFilePerCall,
    );
    expect(first?.attachments).to.deep.equal([]);
    expect(second?.attachments).to.deep.equal([label]);
    expect(`${first?.text ?? ''}${second?.text ?? ''}`).to.equal(longer);
  });

  it('sends files without text on a network that takes no captions', () => {
    const noCaptions: Capabilities = {
      ...oneFilePerCall,
      attachments: { ...oneFilePerCall.attachments!, maxCaptionLength: 0, maxPerCall: 2 },
    };
    expect(
      shapes(
        adaptToCapabilities(
          { ...agentMessage, text: 'Three files', attachments: [label, invoice, file('c.pdf')] },
          noCaptions,
        ),
      ),
    ).to.deep.equal([
      { id: 'm1#1', text: 'Three files', files: [], buttons: 0 },
      { id: 'm1#2', text: undefined, files: ['label.jpg', 'invoice.pdf'], buttons: 0 },
      { id: 'm1#3', text: undefined, files: ['c.pdf'], buttons: 0 },
    ]);
  });

  describe('properties', () => {
    const word = fc.string({
      unit: fc.constantFrom('a', 'b', 'é', '😀', '-'),
      minLength: 1,
      maxLength: 40,
    });
    const space = fc.constantFrom(' ', '\n', '\n\n', '  ', '\t', '\u00a0');
    /** Words and whitespace, any word possibly longer than the limit. */
    const text = fc
      .array(fc.tuple(word, space), { maxLength: 40 })
      .map((pairs) => pairs.flat().join('').trimEnd())
      .filter((t) => t !== '');
    const capabilities: fc.Arbitrary<Capabilities> = fc
      .integer({ min: 20, max: 200 })
      .chain((maxTextLength) =>
        fc.record(
          {
            maxTextLength: fc.constant(maxTextLength),
            attachments: fc.record(
              {
                maxBytes: fc.integer({ min: 1, max: 3000 }),
                contentTypes: fc.constantFrom(['*/*'], ['image/*'], ['application/pdf']),
                maxPerCall: fc.integer({ min: 1, max: 3 }),
                maxCaptionLength: fc.integer({ min: 0, max: maxTextLength + 50 }),
              },
              { requiredKeys: ['maxBytes', 'contentTypes'] },
            ),
            quickReplies: fc.record({
              max: fc.integer({ min: 1, max: 4 }),
              maxTitleLength: fc.integer({ min: 3, max: 20 }),
            }),
            typing: fc.boolean(),
            readReceipts: fc.boolean(),
          },
          { requiredKeys: ['maxTextLength', 'typing', 'readReceipts'] },
        ),
      );
    /** Files told apart by their URL, as a message's files are. */
    const files = fc
      .array(
        fc.record({
          contentType: fc.constantFrom('image/png', 'application/pdf', 'video/mp4'),
          size: fc.integer({ min: 0, max: 4000 }),
        }),
        { maxLength: 5 },
      )
      .map((found) =>
        found.map((f, i) => ({ ...f, name: `f${i}`, url: `https://files.example.com/f${i}` })),
      );
    const message: fc.Arbitrary<OutboundMessage> = fc
      .record(
        {
          text,
          attachments: files,
          quickReplies: fc.array(fc.record({ title: fc.stringMatching(/^[a-z]{1,25}$/) }), {
            maxLength: 5,
          }),
        },
        { requiredKeys: ['attachments', 'quickReplies'] },
      )
      .filter((m) => m.text !== undefined || m.attachments.length > 0)
      .map((m) => ({ ...agentMessage, ...m }));
    const textOf = (parts: readonly OutboundMessage[]) => parts.map((p) => p.text ?? '').join('');

    it('makes parts that each fit one call, in the order the customer reads them', () => {
      fc.assert(
        fc.property(message, capabilities, (m, caps) => {
          const parts = adaptToCapabilities(m, caps);
          expect(parts).to.not.be.empty;
          const files = caps.attachments;
          const captionLimit = Math.min(
            files?.maxCaptionLength ?? caps.maxTextLength,
            caps.maxTextLength,
          );
          for (const [i, part] of parts.entries()) {
            expect(OutboundMessage.safeParse(part).success).to.equal(true);
            const hasFiles = part.attachments.length > 0;
            expect((part.text ?? '').length).to.be.at.most(
              hasFiles ? captionLimit : caps.maxTextLength,
            );
            if (hasFiles) expect(part.attachments.length).to.be.at.most(files?.maxPerCall ?? 5);
            if (i < parts.length - 1) expect(part.quickReplies).to.deep.equal([]);
            expect(part.quickReplies.length).to.be.at.most(caps.quickReplies?.max ?? 0);
          }
          // Text first, the files after it: once a part carries files, every later one does.
          const firstFile = parts.findIndex((p) => p.attachments.length > 0);
          if (firstFile >= 0)
            for (const part of parts.slice(firstFile)) expect(part.attachments).to.not.be.empty;
        }),
      );
    });

    it('gives back the text when the parts’ texts are put together', () => {
      fc.assert(
        fc.property(message, capabilities, (m, caps) => {
          const takesAll: Capabilities = {
            ...caps,
            attachments: { ...caps.attachments, maxBytes: 10_000, contentTypes: ['*/*'] },
            quickReplies: { max: 5, maxTitleLength: 25 },
          };
          expect(textOf(adaptToCapabilities(m, takesAll))).to.equal(m.text ?? '');
          // What the network cannot take is added after the text, as lines of links or options.
          expect(textOf(adaptToCapabilities(m, caps)).startsWith(m.text ?? '')).to.equal(true);
        }),
      );
    });

    it('sends each file once, in order, or else a link to it', () => {
      fc.assert(
        fc.property(message, capabilities, (m, caps) => {
          const parts = adaptToCapabilities(m, caps);
          const sent = parts.flatMap((p) => p.attachments.map((a) => a.url));
          const urls = m.attachments.map((a) => a.url);
          expect(sent).to.deep.equal(urls.filter((url) => sent.includes(url)));
          expect(new Set(sent).size).to.equal(sent.length);
          const text = textOf(parts);
          for (const url of urls)
            expect(sent.includes(url) !== text.includes(url), url).to.equal(true);
        }),
      );
    });

    it('gives the same parts and ids for the same message, and a part back as it is', () => {
      fc.assert(
        fc.property(message, capabilities, (m, caps) => {
          const parts = adaptToCapabilities(m, caps);
          expect(adaptToCapabilities(structuredClone(m), caps)).to.deep.equal(parts);
          expect(parts.map((p) => p.messageId)).to.deep.equal(
            parts.length === 1 ? [m.messageId] : parts.map((_, i) => `${m.messageId}#${i + 1}`),
          );
          for (const part of parts) expect(adaptToCapabilities(part, caps)).to.deep.equal([part]);
        }),
      );
    });
  });
});
