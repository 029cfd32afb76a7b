import type { Limits } from './api.js';
import type { ConnectionState } from './connection.js';
import { el } from './dom.js';
import { STYLES } from './styles.js';

/** What the panel tells the widget the visitor did. */
export interface PanelActions {
  submit(text: string): void;
  attach(file: File): void;
  typing(): void;
  /** The panel was opened or closed. */
  toggled(open: boolean): void;
}

const TYPING_SHOWN_MS = 6000;

/** A paperclip icon (drawn, so that it shows without an emoji font). */
function paperclip(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5',
  );
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.8');
  path.setAttribute('stroke-linecap', 'round');
  svg.append(path);
  return svg;
}

/**
 * The widget's look, in a shadow root: a launcher button, and a dialog with a header (title and
 * connection state), the transcript, a typing line, and a labelled composer (Enter sends,
 * Shift+Enter starts a new line, Escape closes).
 */
export class Panel {
  readonly host = el('div', { testid: 'tvox-webchat' });
  private readonly launcher: HTMLButtonElement;
  private readonly badge = el('span', {
    class: 'badge',
    testid: 'unread',
    attrs: { hidden: true },
  });
  private readonly dialog: HTMLElement;
  private readonly state = el('span', {
    class: 'state',
    testid: 'connection-state',
    attrs: { role: 'status' },
  });
  private readonly notice = el('div', {
    class: 'notice',
    testid: 'notice',
    attrs: { role: 'alert' },
  });
  private readonly typingLine = el('div', {
    class: 'typing',
    testid: 'typing',
    attrs: { 'aria-live': 'polite' },
  });
  private readonly input: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private typingTimer: number | undefined;

  constructor(
    title: string,
    transcript: HTMLElement,
    private readonly actions: PanelActions,
  ) {
    const id = 'tvox-webchat-input';
    this.input = el('textarea', {
      testid: 'composer-input',
      attrs: { id, rows: 1, placeholder: 'Write a message…' },
    });
    const fileInput = el('input', {
      class: 'visually-hidden',
      testid: 'file-input',
      attrs: { type: 'file', tabindex: -1, 'aria-hidden': 'true' },
    });
    this.fileInput = fileInput;
    const attach = el(
      'button',
      { testid: 'attach', attrs: { type: 'button', 'aria-label': 'Attach a file' } },
      paperclip(),
    );
    const send = el('button', { class: 'send', testid: 'send', attrs: { type: 'submit' } }, 'Send');
    const form = el(
      'form',
      { class: 'composer' },
      el('label', { class: 'visually-hidden', attrs: { for: id } }, 'Your message'),
      this.input,
      fileInput,
      attach,
      send,
    );
    const close = el(
      'button',
      {
        class: 'close',
        testid: 'close',
        attrs: { type: 'button', 'aria-label': 'Close the chat' },
      },
      '×',
    );
    this.dialog = el(
      'section',
      {
        class: 'panel',
        testid: 'panel',
        attrs: { role: 'dialog', 'aria-label': title, hidden: true, id: 'tvox-webchat-panel' },
      },
      el('header', { class: 'header' }, el('h2', {}, title), this.state, close),
      this.notice,
      transcript,
      this.typingLine,
      form,
    );
    this.launcher = el(
      'button',
      {
        class: 'launcher',
        testid: 'launcher',
        attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'tvox-webchat-panel' },
      },
      title,
      this.badge,
    );
    const root = this.host.attachShadow({ mode: 'open' });
    root.append(el('style', {}, STYLES), this.launcher, this.dialog);

    this.launcher.addEventListener('click', () => {
      this.setOpen(!this.isOpen);
    });
    close.addEventListener('click', () => {
      this.setOpen(false);
    });
    this.dialog.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.setOpen(false);
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      if (this.input.value !== '') actions.typing();
    });
    attach.addEventListener('click', () => {
      fileInput.click();
    });
    fileInput.addEventListener('change', () => {
      const file = fileInput.files?.[0];
      fileInput.value = '';
      if (file) actions.attach(file);
    });
  }

  get isOpen(): boolean {
    return !this.dialog.hidden;
  }

  setOpen(open: boolean): void {
    this.dialog.hidden = !open;
    this.launcher.setAttribute('aria-expanded', String(open));
    if (open) this.input.focus();
    else this.launcher.focus();
    this.actions.toggled(open);
  }

  showState(state: ConnectionState): void {
    this.state.dataset.state = state.kind;
    this.state.textContent =
      state.kind === 'online'
        ? 'Online'
        : state.kind === 'connecting'
          ? 'Connecting…'
          : state.kind === 'offline'
            ? 'Offline, reconnecting…'
            : 'Unavailable';
    this.notice.textContent =
      state.kind === 'refused' ? `The chat cannot start: ${state.message}` : '';
  }

  /** Applies what the channel accepts: the text length, and the file types offered. */
  applyLimits(limits: Limits): void {
    this.input.maxLength = limits.maxTextLength;
    this.fileInput.accept = limits.fileTypes.join(',');
  }

  /** Shows a problem the visitor should know about (a refused file); empty clears it. */
  showNotice(text: string): void {
    this.notice.textContent = text;
  }

  showTyping(agentName: string | undefined): void {
    this.typingLine.textContent = `${agentName ?? 'The agent'} is typing…`;
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => {
      this.typingLine.textContent = '';
    }, TYPING_SHOWN_MS);
  }

  hideTyping(): void {
    window.clearTimeout(this.typingTimer);
    this.typingLine.textContent = '';
  }

  setUnread(count: number): void {
    this.badge.hidden = count === 0;
    this.badge.textContent = String(count);
    this.badge.setAttribute('aria-label', `${count} unread`);
  }

  private submit(): void {
    const text = this.input.value.trim();
    if (text === '') return;
    this.input.value = '';
    this.actions.submit(text);
  }
}
