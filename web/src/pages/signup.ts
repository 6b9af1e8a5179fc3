import { auth } from '../api/endpoints';
import { field, h } from '../dom';
import type { Page } from '../router';
import { errorRegion, runAction } from '../ui/messages';

/** /signup: the gateway validates every field; its message is shown as is. Signs the new member in. */
export function signupPage(navigate: (url: string) => void): Page {
  return (main) => {
    document.title = 'Sign up · Dailyfeed';
    const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true });
    const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password' });
    const memberName = h('input', { name: 'memberName', autocomplete: 'name' });
    const handle = h('input', { name: 'handle', autocomplete: 'username' });
    const displayName = h('input', { name: 'displayName' });
    const error = errorRegion();
    const fields = h('fieldset', {},
      field('Email', email),
      field('Password', password, '8 to 50 characters with upper and lower case letters, a digit and a special character.'),
      field('Name', memberName, '2 to 30 characters.'),
      field('Handle', handle, '3 to 50 letters, digits or underscores; your profile address.'),
      field('Display name (optional)', displayName),
      h('button', { type: 'submit' }, 'Sign up'));
    const form = h('form', { 'aria-labelledby': 'signup-heading' }, fields, error);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void runAction(fields, error, async () => {
        await auth.signup({
          email: email.value.trim(),
          password: password.value,
          memberName: memberName.value.trim(),
          handle: handle.value.trim(),
          displayName: displayName.value.trim() || undefined,
        });
        await auth.login(email.value.trim(), password.value);
        navigate('/');
      });
    });
    main.append(
      h('h1', { id: 'signup-heading', tabindex: -1 }, 'Create your Dailyfeed account'),
      form,
      h('p', {}, 'Already a member? ', h('a', { href: '/login' }, 'Log in')));
  };
}
