import { auth } from '../api/endpoints';
import { session } from '../api/session';
import { field, h } from '../dom';
import type { Page } from '../router';
import { errorRegion, runAction } from '../ui/messages';

/** /login: email and password; the access token comes back in the Authorization header and stays in memory. */
export function loginPage(navigate: (url: string) => void): Page {
  return (main) => {
    document.title = 'Log in · Dailyfeed';
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true });
    const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
    const error = errorRegion();
    const notice = session.notice ? h('p', { class: 'notice', role: 'status' }, session.notice) : null;
    session.notice = null;
    const fields = h('fieldset', {}, field('Email', email), field('Password', password), h('button', { type: 'submit' }, 'Log in'));
    const form = h('form', { 'aria-labelledby': 'login-heading' }, fields, error);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void runAction(fields, error, async () => {
        await auth.login(email.value.trim(), password.value);
        navigate('/');
      });
    });
    main.append(
      h('h1', { id: 'login-heading', tabindex: -1 }, 'Log in to Dailyfeed'),
      notice ?? '',
      form,
      h('p', {}, 'New here? ', h('a', { href: '/signup' }, 'Create an account')));
  };
}
