type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | EventListener | null | undefined>;

/**
 * Builds an element. Strings become text nodes (never HTML), so content from the API cannot inject markup.
 * Attributes starting with "on" are event listeners; `true` sets a boolean attribute, false/null/undefined omit it.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) {
      parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

/** A labelled form control: the label is tied to the input by id, so screen readers and getByLabel find it. */
export function field(label: string, control: HTMLInputElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  const id = control.id || `f-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${++fieldCount}`;
  control.id = id;
  const hintElement = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
  if (hintElement) {
    control.setAttribute('aria-describedby', hintElement.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement);
}

let fieldCount = 0;

/** Short date and time in the reader's locale. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

const Minute = 60_000;
const Hour = 60 * Minute;
const Day = 24 * Hour;
const RelativeDays = 7;

/** "just now", "5 min ago", "3 h ago", "2 d ago", then the date: how feeds say when something was posted. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const age = now - new Date(iso).getTime();
  if (age < Minute) {
    return 'just now';
  }
  if (age < Hour) {
    return `${Math.floor(age / Minute)} min ago`;
  }
  if (age < Day) {
    return `${Math.floor(age / Hour)} h ago`;
  }
  if (age < RelativeDays * Day) {
    return `${Math.floor(age / Day)} d ago`;
  }
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** "1 follower", "2 followers". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
