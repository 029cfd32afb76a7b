import { Capabilities, adaptToCapabilities, type Attachment } from '@tvox-connector/core';
import { expect } from 'chai';
import type { AdapterHarness } from './harness.js';
import type { ConformanceNetwork, Delivered } from './options.js';

/** A concrete MIME type an accepted pattern (`image/*`, `*\/*`) covers. */
function concreteType(pattern: string): string {
  const [type = '*', subtype = '*'] = pattern.split('/');
  if (subtype !== '*') return `${type}/${subtype}`;
  const examples: Record<string, string> = {
    image: 'image/png',
    video: 'video/mp4',
    audio: 'audio/mpeg',
    text: 'text/plain',
    application: 'application/pdf',
  };
  return examples[type] ?? 'application/pdf';
}

const texts = (delivered: readonly Delivered[]) =>
  delivered.flatMap((d) => (d.kind === 'text' ? [d.text] : []));

/** Capabilities: valid, and each one declared is honoured; what is not is adapted by core. */
export function capabilitySpecs<N extends ConformanceNetwork>(h: AdapterHarness<N>): void {
  describe('capabilities', () => {
    const capabilities = () => Capabilities.parse(h.adapter.capabilities);
    /** Sends a message the way core does: adapted to the capabilities, part by part. */
    const sendAdapted = async (fields: Parameters<typeof h.message>[0]) => {
      for (const part of adaptToCapabilities(h.message(fields), capabilities())) {
        await h.adapter.send(part);
      }
    };

    it('declares capabilities that match core’s schema', () => {
      const checked = Capabilities.safeParse(h.adapter.capabilities);
      expect(checked.success, checked.error?.message).to.equal(true);
    });

    it('delivers a text of the longest declared length whole, and a longer one in parts', async () => {
      const max = capabilities().maxTextLength;
      const longest = 'a'.repeat(max);
      await h.adapter.send(h.message({ text: longest }));
      expect(texts(await h.delivered())).to.deep.equal([longest]);
      const words = Array.from({ length: Math.ceil((max * 1.5) / 6) }, (_, i) => `w${i % 1000}`);
      await sendAdapted({ text: words.join(' ') });
      const parts = texts(await h.delivered()).slice(1);
      expect(parts.length).to.be.greaterThan(1);
      for (const part of parts) expect(part.length).to.be.at.most(max);
      expect(parts.join('')).to.equal(words.join(' '));
    });

    it('shows quick replies as buttons if declared, or receives them as numbered text', async () => {
      const declared = capabilities().quickReplies;
      const count = Math.min(declared?.max ?? 3, 3);
      const quickReplies = Array.from({ length: count }, (_, i) => ({ title: `Option ${i + 1}` }));
      await sendAdapted({ text: 'Pick one', quickReplies });
      const titles = quickReplies.map((q) => q.title);
      const delivered = await h.delivered();
      if (declared) {
        expect(delivered.flatMap((d) => (d.kind === 'typing' ? [] : d.quickReplies))).to.deep.equal(
          titles,
        );
      } else {
        expect(texts(delivered).join('\n')).to.contain(`1. ${titles[0] ?? ''}`);
      }
    });

    it('sends a file of an accepted type as a file if declared, or receives a link to it', async () => {
      const declared = capabilities().attachments;
      const attachment: Attachment = {
        name: 'receipt',
        contentType: concreteType(declared?.contentTypes[0] ?? 'application/pdf'),
        size: Math.min(declared?.maxBytes ?? 2048, 2048),
        url: 'https://files.example.com/conformance/receipt',
      };
      await sendAdapted({ text: 'Your receipt', attachments: [attachment] });
      const delivered = await h.delivered();
      if (declared) {
        expect(delivered.filter((d) => d.kind === 'file').map((d) => d.url)).to.deep.equal([
          attachment.url,
        ]);
      } else {
        expect(texts(delivered).join('\n')).to.contain(attachment.url);
      }
    });

    it('delivers each part core splits a message into: the text, every file once and in order, the buttons', async () => {
      const declared = capabilities();
      const file = (name: string): Attachment => ({
        name,
        contentType: concreteType(declared.attachments?.contentTypes[0] ?? 'application/pdf'),
        size: Math.min(declared.attachments?.maxBytes ?? 2048, 2048),
        url: `https://files.example.com/conformance/${name}`,
      });
      const files = [file('label'), file('invoice')];
      const quickReplies = declared.quickReplies ? [{ title: 'Thanks' }] : [];
      await sendAdapted({ text: 'Your label and invoice', attachments: files, quickReplies });
      const delivered = await h.delivered();
      // A caption is the text of a call that carries a file: read together, the texts in order.
      const read = delivered
        .map((d) => (d.kind === 'text' ? d.text : d.kind === 'file' ? (d.caption ?? '') : ''))
        .join('');
      if (declared.attachments) {
        expect(delivered.filter((d) => d.kind === 'file').map((d) => d.url)).to.deep.equal(
          files.map((f) => f.url),
        );
        expect(read).to.equal('Your label and invoice');
      } else {
        for (const f of files) expect(read).to.contain(f.url);
      }
      expect(delivered.flatMap((d) => (d.kind === 'typing' ? [] : d.quickReplies))).to.deep.equal(
        quickReplies.map((q) => q.title),
      );
    });

    it('shows typing if declared; one that declares none calls nothing when given typing anyway', async () => {
      const receipt = await h.adapter.send({
        kind: 'typing',
        conversation: h.message().conversation,
      });
      expect(receipt.networkMessageIds).to.deep.equal([]);
      // Core sends typing only where `capabilities.typing` says the network shows it; an adapter
      // given it anyway must not turn it into something the customer sees.
      expect(await h.delivered()).to.deep.equal(capabilities().typing ? [{ kind: 'typing' }] : []);
    });
  });
}
