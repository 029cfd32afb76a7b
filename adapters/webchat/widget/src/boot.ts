import { WebchatWidget } from './chat.js';
import type { WidgetConfig } from './types.js';

/** The host-signed identity from `data-identity-*` attributes, if the page set a signature. */
function identityOf(data: DOMStringMap): WidgetConfig['identity'] {
  if (data.identitySignature === undefined) return undefined;
  return {
    ...(data.identityExternalId === undefined ? {} : { externalId: data.identityExternalId }),
    ...(data.identityName === undefined ? {} : { name: data.identityName }),
    ...(data.identityEmail === undefined ? {} : { email: data.identityEmail }),
    issuedAt: Number(data.identityIssuedAt),
    signature: data.identitySignature,
  };
}

/**
 * Starts the widget from its script tag: the channel is where the script came from; `data-title`
 * names the chat, `data-open` opens it at once, `data-identity-*` pass a host-signed identity.
 */
export function boot(script: HTMLScriptElement): void {
  const data = script.dataset;
  const identity = identityOf(data);
  const config: WidgetConfig = {
    base: new URL('.', script.src).href,
    title: data.title ?? 'Chat with us',
    startOpen: data.open === 'true',
    ...(identity === undefined ? {} : { identity }),
  };
  const start = (): void => {
    new WebchatWidget(config).mount();
  };
  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
