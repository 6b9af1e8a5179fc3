import { h } from '../dom';
import { runAction } from './messages';

/** A delete button that asks once more in place ("Confirm delete" / "Cancel") instead of a modal dialog. */
export function confirmButton(label: string, error: HTMLElement, action: () => Promise<void>): HTMLElement {
  const start = h('button', { type: 'button', class: 'danger' }, label);
  const confirm = h('button', { type: 'button', class: 'danger' }, `Confirm ${label.toLowerCase()}`);
  const cancel = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  const asking = h('span', { class: 'confirm', hidden: true }, confirm, cancel);
  const ask = (yes: boolean): void => {
    start.hidden = yes;
    asking.hidden = !yes;
    (yes ? confirm : start).focus();
  };
  start.addEventListener('click', () => ask(true));
  cancel.addEventListener('click', () => ask(false));
  confirm.addEventListener('click', () => void runAction(confirm, error, action));
  return h('span', {}, start, asking);
}
