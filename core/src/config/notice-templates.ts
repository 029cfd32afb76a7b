import { z } from 'zod';
import type { LifecycleChange } from '../lifecycle/transition-table.js';
import { parseTemplate, renderTemplate, templateProblems, textOf } from '../template/template.js';

/**
 * Texts the connector sends the customer when the session changes, written in the connector's one
 * template language: `{agentName}` is replaced by the agent's name (or "an agent" in the
 * template's language when TVox sends none), `{{` and `}}` are literal braces; any other
 * placeholder is refused when the config is read. A change with no template, or an empty one,
 * sends nothing.
 */
export const NoticeTemplates = z.strictObject({
  queued: z.string().optional(),
  offered: z.string().optional(),
  agentJoined: z.string().optional(),
  agentChanged: z.string().optional(),
  requeued: z.string().optional(),
  closed: z.string().optional(),
  /** Stands in for `{agentName}` when the agent's name is unknown. */
  unnamedAgent: z.string().optional(),
});
/** Texts sent to the customer when the session changes. */
export type NoticeTemplates = z.infer<typeof NoticeTemplates>;

/** Built-in notices in English and Italian; config overrides them key by key. */
export const DEFAULT_NOTICE_TEMPLATES: Readonly<Record<string, NoticeTemplates>> = {
  en: {
    queued: 'Thanks for your message. You are in the queue: an agent will be with you shortly.',
    agentJoined: '{agentName} has joined the conversation.',
    agentChanged: '{agentName} has taken over the conversation.',
    requeued: 'You are back in the queue: the next available agent will answer you.',
    closed: 'The conversation has been closed. Write again at any time to start a new one.',
    unnamedAgent: 'An agent',
  },
  it: {
    queued: 'Grazie per il messaggio. Sei in coda: un operatore ti risponderà a breve.',
    agentJoined: '{agentName} è entrato nella conversazione.',
    agentChanged: '{agentName} ha preso in carico la conversazione.',
    requeued: 'Sei di nuovo in coda: ti risponderà il primo operatore disponibile.',
    closed:
      'La conversazione è stata chiusa. Scrivici di nuovo quando vuoi per iniziarne una nuova.',
    unnamedAgent: 'Un operatore',
  },
};

/** The variables a notice template may name. */
export const NOTICE_VARIABLES = ['agentName'] as const;

/** Notice settings: the locale used when the customer's is unknown, and per-locale overrides. */
export const NoticesConfig = z
  .strictObject({
    defaultLocale: z.string().min(2).default('en'),
    templates: z.record(z.string(), NoticeTemplates).default({}),
  })
  .superRefine((config, ctx) => {
    for (const [locale, templates] of Object.entries(config.templates)) {
      for (const [key, source] of Object.entries(templates)) {
        if (key === 'unnamedAgent') continue;
        for (const message of templateProblems(source, NOTICE_VARIABLES))
          ctx.addIssue({ code: 'custom', path: ['templates', locale, key], message });
      }
    }
  });
/** Notice settings. */
export type NoticesConfig = z.infer<typeof NoticesConfig>;

/**
 * The notice text for `change`, in the customer's locale (`it-IT` falls back to `it`, then to the
 * default locale), or undefined when nothing should be sent.
 */
export function renderNotice(
  config: NoticesConfig,
  change: LifecycleChange,
  locale: string | undefined,
  agentName: string | undefined,
): string | undefined {
  const templates = resolveTemplates(config, locale);
  const template = templates[change];
  if (template === undefined || template === '') return undefined;
  const name = agentName ?? templates.unnamedAgent ?? 'An agent';
  const text = renderTemplate(parseTemplate(template), (variable) =>
    variable === 'agentName' ? name : undefined,
  );
  return text === undefined ? undefined : textOf(text);
}

function resolveTemplates(config: NoticesConfig, locale: string | undefined): NoticeTemplates {
  for (const candidate of localeCandidates(locale, config.defaultLocale)) {
    const merged = { ...DEFAULT_NOTICE_TEMPLATES[candidate], ...config.templates[candidate] };
    if (Object.keys(merged).length > 0) return merged;
  }
  return DEFAULT_NOTICE_TEMPLATES.en ?? {};
}

function localeCandidates(locale: string | undefined, fallback: string): string[] {
  const candidates: string[] = [];
  for (const tag of [locale, fallback]) {
    if (tag === undefined) continue;
    const normalised = tag.replace('_', '-');
    const [language = normalised] = normalised.split('-');
    candidates.push(normalised, normalised.toLowerCase(), language.toLowerCase());
  }
  return [...new Set(candidates)];
}
