import { ApiError } from './api.js';
import { fill, h } from './dom.js';

/** Logs an agent in; rejects with the reason when that fails. */
export type LoginHandler = (code: string, password: string | undefined) => Promise<void>;

/** The sign-in screen: agent code and optional password, with the API's error on failure. */
export class LoginView {
  private readonly code = h('input', {
    class: 'input',
    testid: 'login-code',
    attrs: {
      id: 'login-code',
      name: 'code',
      autocomplete: 'username',
      required: true,
      spellcheck: 'false',
      autocapitalize: 'off',
    },
  });
  private readonly password = h('input', {
    class: 'input',
    testid: 'login-password',
    attrs: {
      id: 'login-password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
    },
  });
  private readonly submit = h(
    'button',
    {
      class: 'button button--primary button--block',
      testid: 'login-submit',
      attrs: { type: 'submit' },
    },
    'Sign in',
  );
  private readonly error = h('p', {
    class: 'form-error',
    testid: 'login-error',
    attrs: { id: 'login-error', role: 'alert', hidden: true },
  });

  readonly element: HTMLElement;

  constructor(private readonly onLogin: LoginHandler) {
    const form = h(
      'form',
      {
        class: 'login__card',
        testid: 'login-form',
        attrs: { 'aria-labelledby': 'login-title', novalidate: true },
        on: {
          submit: (event) => {
            event.preventDefault();
            void this.signIn();
          },
        },
      },
      h(
        'div',
        { class: 'login__brand' },
        h('span', { class: 'brand-mark', attrs: { 'aria-hidden': 'true' } }, 'TV'),
        h('span', { class: 'login__product' }, 'TVox agent console'),
      ),
      h('h1', { class: 'login__title', attrs: { id: 'login-title' } }, 'Sign in to your desk'),
      h(
        'p',
        { class: 'login__lead' },
        'Use your TVox user code. Leave the password empty if your account has none.',
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { class: 'field__label', attrs: { for: 'login-code' } }, 'Agent code'),
        this.code,
      ),
      h(
        'div',
        { class: 'field' },
        h(
          'label',
          { class: 'field__label', attrs: { for: 'login-password' } },
          'Password ',
          h('span', { class: 'field__optional' }, '(optional)'),
        ),
        this.password,
      ),
      this.error,
      this.submit,
    );
    this.element = h('main', { class: 'login', testid: 'login' }, form);
  }

  /** Shows the screen, with the code prefilled and an optional notice (e.g. "logged out"). */
  show(code = '', notice?: string): void {
    this.code.value = code;
    this.password.value = '';
    this.setError(notice, 'notice');
    this.setBusy(false);
    (code === '' ? this.code : this.password).focus();
  }

  private async signIn(): Promise<void> {
    const code = this.code.value.trim();
    if (code === '') {
      this.setError('Enter your agent code.');
      this.code.focus();
      return;
    }
    this.setBusy(true);
    this.setError(undefined);
    try {
      await this.onLogin(code, this.password.value === '' ? undefined : this.password.value);
    } catch (error) {
      this.setError(error instanceof ApiError ? error.message : 'Sign-in failed. Try again.');
      this.password.select();
      this.setBusy(false);
    }
  }

  private setBusy(busy: boolean): void {
    this.submit.disabled = busy;
    fill(this.submit, busy ? 'Signing in…' : 'Sign in');
  }

  /** Shows a failed sign-in (inputs marked invalid) or a plain notice; undefined clears it. */
  private setError(message: string | undefined, kind: 'error' | 'notice' = 'error'): void {
    const invalid = message !== undefined && kind === 'error';
    this.error.hidden = message === undefined;
    this.error.textContent = message ?? '';
    this.error.classList.toggle('form-error--notice', kind === 'notice');
    for (const input of [this.code, this.password]) {
      input.setAttribute('aria-invalid', String(invalid));
      if (message === undefined) input.removeAttribute('aria-describedby');
      else input.setAttribute('aria-describedby', 'login-error');
    }
  }
}
