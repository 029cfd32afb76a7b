import { ConfigError } from '@tvox-connector/core';
import { parseWhatsAppSettings, windowTemplate } from '@tvox-connector/adapter-whatsapp';
import { expect } from 'chai';
import {
  OTHER_PHONE_NUMBER_ID,
  PHONE_NUMBER_ID,
  whatsappSettings,
} from './support/whatsapp-fixtures';

const settings = (more = {}) =>
  whatsappSettings(
    'https://graph.facebook.com',
    'https://connector.example.com/webhooks/whatsapp',
    more,
  );

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return expect.fail('expected a ConfigError');
}

describe('WhatsApp settings', () => {
  it('applies the defaults: Graph v21.0, no window templates', () => {
    const parsed = parseWhatsAppSettings('whatsapp', settings({ graph: undefined }));
    expect(parsed.graph).to.deep.equal({
      apiRoot: 'https://graph.facebook.com',
      version: 'v21.0',
      requestTimeoutSeconds: 30,
    });
    expect(parsed.windowTemplates).to.deep.equal({});
  });

  it('lists every problem with its path: no number, a bad template, an entry point of no number', () => {
    expect(
      problems(() =>
        parseWhatsAppSettings(
          'whatsapp',
          settings({
            phoneNumbers: {},
            windowTemplates: { '*': { it: { name: 'Bad Name', language: 'italian' } } },
          }),
        ),
      ),
    ).to.deep.equal([
      'channels.whatsapp.settings.phoneNumbers: expected one phone number at least',
      'channels.whatsapp.settings.windowTemplates.*.it.name: expected a template name (a-z, 0-9, _)',
      'channels.whatsapp.settings.windowTemplates.*.it.language: expected a template language such as "it" or "en_US"',
    ]);
    expect(
      problems(() => parseWhatsAppSettings('whatsapp', settings(), { '15550783881': 'SALES' })),
    ).to.deep.equal([
      `channels.whatsapp.entryPoints.15550783881: is not a phone number id of settings.phoneNumbers (${PHONE_NUMBER_ID}, ${OTHER_PHONE_NUMBER_ID})`,
    ]);
  });

  it('picks the window template by service, then *, each by locale (exact, language, *)', () => {
    const templates = {
      SALES: { 'pt-BR': { name: 'br', language: 'pt_BR' }, pt: { name: 'pt', language: 'pt_PT' } },
      '*': { '*': { name: 'any', language: 'en' } },
    };
    const routing = { serviceCode: 'SUPPORT', entryPoints: { [OTHER_PHONE_NUMBER_ID]: 'SALES' } };
    const pick = (number: string, locale?: string) =>
      windowTemplate(templates, routing, number, locale)?.name;
    expect(pick(OTHER_PHONE_NUMBER_ID, 'pt-BR')).to.equal('br');
    expect(pick(OTHER_PHONE_NUMBER_ID, 'pt-PT')).to.equal('pt');
    expect(pick(OTHER_PHONE_NUMBER_ID, 'it')).to.equal('any');
    expect(pick(PHONE_NUMBER_ID, 'it')).to.equal('any');
    expect(windowTemplate({}, routing, PHONE_NUMBER_ID, undefined)).to.equal(undefined);
  });
});
