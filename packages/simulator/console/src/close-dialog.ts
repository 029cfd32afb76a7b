import { fill, h } from './dom.js';

/** What the agent chose: close with an optional reason, or keep the session open. */
export type CloseChoice = { readonly reason: string | undefined } | undefined;

/** A modal asking to confirm closing a session, with an optional reason. */
export class CloseDialog {
  private readonly title = h('h2', { class: 'dialog__title', attrs: { id: 'close-title' } });
  private readonly reason = h('input', {
    class: 'input',
    testid: 'close-reason',
    attrs: { id: 'close-reason', name: 'reason', maxlength: 200, placeholder: 'e.g. Resolved' },
  });
  private resolve: ((choice: CloseChoice) => void) | undefined;

  readonly element = h('dialog', {
    class: 'dialog',
    testid: 'close-dialog',
    attrs: { 'aria-labelledby': 'close-title' },
  });

  constructor() {
    const form = h(
      'form',
      {
        attrs: { method: 'dialog' },
        on: {
          submit: (event) => {
            event.preventDefault();
            const reason = this.reason.value.trim();
            this.finish({ reason: reason === '' ? undefined : reason });
          },
        },
      },
      this.title,
      h(
        'p',
        { class: 'dialog__text' },
        'The customer’s connector is told the session is closed. This cannot be undone.',
      ),
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { class: 'field__label', attrs: { for: 'close-reason' } },
          'Reason ',
          h('span', { class: 'field__optional' }, '(optional)'),
        ),
        this.reason,
      ),
      h(
        'div',
        { class: 'dialog__actions' },
        h(
          'button',
          {
            class: 'button button--secondary',
            testid: 'close-cancel',
            attrs: { type: 'button' },
            on: {
              click: () => {
                this.finish(undefined);
              },
            },
          },
          'Cancel',
        ),
        h(
          'button',
          { class: 'button button--danger', testid: 'close-confirm', attrs: { type: 'submit' } },
          'Close session',
        ),
      ),
    );
    this.element.append(form);
    this.element.addEventListener('close', () => {
      this.finish(undefined);
    });
  }

  /** Opens the dialog for the contact; resolves with the choice. */
  ask(contact: string): Promise<CloseChoice> {
    this.finish(undefined);
    fill(this.title, `Close the session with ${contact}?`);
    this.reason.value = '';
    this.element.showModal();
    this.reason.focus();
    return new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  private finish(choice: CloseChoice): void {
    const resolve = this.resolve;
    this.resolve = undefined;
    if (this.element.open) this.element.close();
    resolve?.(choice);
  }
}
