import { ApiError, SessionEndedError } from '../api/http';
import { h } from '../dom';

/** A live region for errors: screen readers announce the message when it appears. */
export function errorRegion(): HTMLElement {
  return h('p', { class: 'error', role: 'alert', hidden: true });
}

/** Shows the envelope's message (or a network failure) in an error region; a session end needs no message here. */
export function showError(region: HTMLElement, error: unknown): void {
  if (error instanceof SessionEndedError) {
    return;
  }
  region.textContent = messageOf(error);
  region.hidden = false;
}

export function clearError(region: HTMLElement): void {
  region.textContent = '';
  region.hidden = true;
}

/** A problem the app finds itself before calling the gateway (e.g. no file chosen); its message is for the member. */
export class InputError extends Error {}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof InputError) {
    return error.message;
  }
  if (error instanceof TypeError) {
    return 'Dailyfeed cannot be reached. Check your connection and try again.';
  }
  return 'Something went wrong. Please try again.';
}

/**
 * Runs a form or button action: disables the control while it runs, clears then shows errors.
 * Returns whether the action succeeded.
 */
export async function runAction(control: HTMLButtonElement | HTMLFieldSetElement, region: HTMLElement, action: () => Promise<void>): Promise<boolean> {
  clearError(region);
  control.disabled = true;
  try {
    await action();
    return true;
  } catch (error) {
    showError(region, error);
    return false;
  } finally {
    control.disabled = false;
  }
}
