import type { WhatsAppSettings, WindowTemplate } from './whatsapp-settings.js';

/** Which TVox service a phone number's conversations go to: the channel's routing. */
export interface ChannelRouting {
  /** The channel's service code. */
  readonly serviceCode?: string;
  /** Phone number id → service code, overriding `serviceCode`. */
  readonly entryPoints?: Readonly<Record<string, string>>;
}

/** The keys a locale is looked up by: `it-IT`, then `it`, then `*`. */
function localeKeys(locale: string | undefined): string[] {
  if (locale === undefined) return ['*'];
  const language = locale.split(/[-_]/)[0] ?? locale;
  return [...new Set([locale, language, '*'])];
}

/**
 * The template to send, when the window is closed, in a conversation with `phoneNumberId`: the
 * templates of the service the number routes to, then those of `*`, each by the customer's
 * locale (exact, language, `*`).
 */
export function windowTemplate(
  templates: WhatsAppSettings['windowTemplates'],
  routing: ChannelRouting,
  phoneNumberId: string,
  locale: string | undefined,
): WindowTemplate | undefined {
  const service = routing.entryPoints?.[phoneNumberId] ?? routing.serviceCode;
  const maps = [service === undefined ? undefined : templates[service], templates['*']];
  for (const byLocale of maps) {
    for (const key of localeKeys(locale)) {
      const template = byLocale?.[key];
      if (template !== undefined) return template;
    }
  }
  return undefined;
}
