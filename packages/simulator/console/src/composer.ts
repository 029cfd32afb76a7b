import { fill, h } from './dom.js';

export interface ComposerHandlers {
  /** Sends a reply; resolves true when it was sent (the draft is then cleared). */
  readonly onSend: (sessionId: string, text: string) => Promise<boolean>;
  /** The agent is typing in the session; called at most once per {@link TYPING_EVERY_MS}. */
  readonly onTyping: (sessionId: string) => void;
}

/** At most one typing notification per session this often. */
export const TYPING_EVERY_MS = 3000;

/**
 * The reply box: Enter sends, Shift+Enter starts a new line. Keeps a draft per session, so
 * switching between chats does not lose what was being written.
 */
export class Composer {
  private readonly input = h('textarea', {
    class: 'composer__input',
    testid: 'composer-input',
    attrs: { id: 'composer-input', rows: 1, 'aria-describedby': 'composer-hint' },
  });
  private readonly label = h(
    'label',
    { class: 'visually-hidden', attrs: { for: 'composer-input' } },
    'Reply',
  );
  private readonly send = h(
    'button',
    {
      class: 'button button--primary composer__send',
      testid: 'composer-send',
      attrs: { type: 'submit' },
    },
    'Send',
  );
  private readonly drafts = new Map<string, string>();
  private readonly typingAt = new Map<string, number>();
  private sessionId: string | undefined;
  private sending = false;

  readonly element: HTMLFormElement;

  constructor(private readonly handlers: ComposerHandlers) {
    this.element = h(
      'form',
      {
        class: 'composer',
        testid: 'composer',
        on: {
          submit: (event) => {
            event.preventDefault();
            void this.submit();
          },
        },
      },
      this.label,
      h('div', { class: 'composer__box' }, this.input, this.send),
      h(
        'p',
        { class: 'composer__hint', attrs: { id: 'composer-hint' } },
        'Enter to send · Shift+Enter for a new line',
      ),
    );
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        void this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.onInput();
    });
  }

  /** Attaches the composer to a session the agent can write in, or detaches it. */
  attach(sessionId: string | undefined, contact: string): void {
    if (sessionId === this.sessionId) return;
    if (this.sessionId !== undefined) this.drafts.set(this.sessionId, this.input.value);
    this.sessionId = sessionId;
    this.input.value = sessionId === undefined ? '' : (this.drafts.get(sessionId) ?? '');
    fill(this.label, `Reply to ${contact}`);
    this.input.placeholder = `Write to ${contact}…`;
    this.update();
  }

  focus(): void {
    this.input.focus();
  }

  private onInput(): void {
    this.update();
    const sessionId = this.sessionId;
    if (sessionId === undefined || this.input.value.trim() === '') return;
    const now = Date.now();
    if (now - (this.typingAt.get(sessionId) ?? 0) < TYPING_EVERY_MS) return;
    this.typingAt.set(sessionId, now);
    this.handlers.onTyping(sessionId);
  }

  private async submit(): Promise<void> {
    const sessionId = this.sessionId;
    const text = this.input.value.trim();
    if (sessionId === undefined || text === '' || this.sending) return;
    this.sending = true;
    this.update();
    try {
      if (await this.handlers.onSend(sessionId, text)) {
        this.drafts.delete(sessionId);
        this.typingAt.delete(sessionId);
        if (this.sessionId === sessionId) this.input.value = '';
      }
    } finally {
      this.sending = false;
      this.update();
      if (this.sessionId === sessionId) this.input.focus();
    }
  }

  private update(): void {
    this.send.disabled = this.sending || this.input.value.trim() === '';
    // Grow with the text (up to the CSS max-height); only measurable while shown.
    this.input.style.height = 'auto';
    const height = this.input.scrollHeight;
    this.input.style.height = height > 0 && this.input.value !== '' ? `${height}px` : '';
  }
}
