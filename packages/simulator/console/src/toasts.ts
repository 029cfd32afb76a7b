import { h } from './dom.js';

/** How long a toast stays unless dismissed. */
const TOAST_MS = 8000;

/** Short notices in a corner: failed actions (with the API's message) and confirmations. */
export class Toasts {
  readonly element = h('div', {
    class: 'toasts',
    attrs: { role: 'region', 'aria-label': 'Notifications' },
  });

  /** A failed action: `title` says what, `message` is the API's explanation. */
  error(title: string, message: string): void {
    this.show('error', title, message);
  }

  info(title: string, message?: string): void {
    this.show('info', title, message);
  }

  private show(kind: 'error' | 'info', title: string, message?: string): void {
    const toast = h(
      'div',
      {
        class: `toast toast--${kind}`,
        testid: kind === 'error' ? 'toast-error' : 'toast-info',
        attrs: { role: kind === 'error' ? 'alert' : 'status' },
      },
      h(
        'div',
        { class: 'toast__body' },
        h('strong', { class: 'toast__title' }, title),
        message === undefined ? null : h('span', { class: 'toast__message' }, message),
      ),
    );
    const dismiss = (): void => {
      clearTimeout(timer);
      toast.remove();
    };
    toast.append(
      h(
        'button',
        {
          class: 'toast__dismiss',
          attrs: { type: 'button', 'aria-label': 'Dismiss notification' },
          on: { click: dismiss },
        },
        '×',
      ),
    );
    const timer = setTimeout(dismiss, TOAST_MS);
    this.element.append(toast);
    while (this.element.childElementCount > 4) this.element.firstElementChild?.remove();
  }
}
