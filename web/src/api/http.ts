import { RefreshCoordinator, type RefreshOutcome } from './refreshCoordinator';
import { session } from './session';
import type { ErrorEnvelope, SuccessEnvelope } from './types';

export const TokenRefreshNeeded = 'X-Token-Refresh-Needed';
export const ReloginRequired = 'X-Relogin-Required';
const RefreshPath = '/api/token/refresh';
const BearerPrefix = 'Bearer ';

/** A failed call, with the message of the gateway's error envelope (shown to the member as is). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The session is over (logged out elsewhere, refresh token gone): the app has already gone to /login. */
export class SessionEndedError extends ApiError {
  constructor() {
    super(401, 'RELOGIN_REQUIRED', 'Your session has ended. Please log in again.');
    this.name = 'SessionEndedError';
  }
}

type Body = FormData | object | undefined;

let onSessionEnded: () => void = () => {};

/** What the app does when only a new login helps (clear state, go to /login). */
export function setSessionEndedHandler(handler: () => void): void {
  onSessionEnded = handler;
}

/** Stores the access token a login or refresh answer carries in its Authorization header. */
export function takeAccessToken(response: Response): boolean {
  const header = response.headers.get('Authorization');
  if (header?.startsWith(BearerPrefix)) {
    session.setAccessToken(header.slice(BearerPrefix.length));
    return true;
  }
  return false;
}

async function refreshOnce(): Promise<RefreshOutcome> {
  const response = await fetch(RefreshPath, { method: 'POST', credentials: 'same-origin' });
  if (response.ok && takeAccessToken(response)) {
    return 'refreshed';
  }
  if (response.status === 401) {
    return 'relogin';
  }
  throw await errorOf(response);
}

export const refresher = new RefreshCoordinator(refreshOnce);

function endSession(): never {
  onSessionEnded();
  throw new SessionEndedError();
}

function requestInit(method: string, body: Body): RequestInit {
  const headers = new Headers({ Accept: 'application/json' });
  const token = session.accessToken;
  if (token) {
    headers.set('Authorization', BearerPrefix + token);
  }
  if (body !== undefined && !(body instanceof FormData)) {
    headers.set('Content-Type', 'application/json');
  }
  const payload = body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body);
  return { method, headers, body: payload, credentials: 'same-origin' };
}

/**
 * Sends an authenticated request under the seed's client contract: wait while a refresh runs; on 401 +
 * X-Token-Refresh-Needed refresh once (shared with every other failing request) and replay; on 401 +
 * X-Relogin-Required end the session. A 2xx that carries X-Token-Refresh-Needed starts a refresh in the background.
 *
 * A 401 that answers a request sent before the latest successful refresh finished speaks of the old tokens, not of the
 * session: such a request is replayed once with the new token instead of ending the session.
 */
async function send(method: string, path: string, body: Body, replay: boolean): Promise<Response> {
  await refresher.pending;
  const tokenUsed = session.accessToken;
  const generationUsed = refresher.generation;
  const response = await fetch(path, requestInit(method, body));
  const refreshNeeded = response.headers.get(TokenRefreshNeeded) === 'true';
  if (response.status !== 401) {
    if (response.ok && refreshNeeded && tokenUsed !== null && session.accessToken === tokenUsed) {
      refresher.refresh().catch(() => {});
    }
    return response;
  }
  if (response.headers.get(ReloginRequired) === 'true' || !refreshNeeded || replay) {
    return (await answersOldTokens(generationUsed)) && !replay ? send(method, path, body, true) : endSession();
  }
  // Another request may have refreshed already while this one was in flight: then just replay.
  if (session.accessToken === tokenUsed && (await refresher.refresh()) === 'relogin') {
    return endSession();
  }
  return send(method, path, body, true);
}

/** True when a refresh succeeded after a request was sent (waiting for one still under way). */
async function answersOldTokens(generationWhenSent: number): Promise<boolean> {
  await refresher.pending?.catch(() => {});
  return refresher.generation > generationWhenSent;
}

async function errorOf(response: Response): Promise<ApiError> {
  const envelope = (await readJson(response)) as Partial<ErrorEnvelope> | null;
  const message = envelope?.message ?? `The server answered ${response.status} ${response.statusText}.`;
  return new ApiError(response.status, envelope?.code ?? `HTTP_${response.status}`, message);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The envelope's data, or an ApiError with the envelope's message. */
export async function dataOf<T>(response: Response): Promise<T> {
  if (!response.ok) {
    throw await errorOf(response);
  }
  return ((await readJson(response)) as SuccessEnvelope<T>).data;
}

/** An authenticated call that returns the envelope's data. */
export async function call<T>(method: string, path: string, body?: Body): Promise<T> {
  return dataOf<T>(await send(method, path, body, false));
}

/** A call outside the token contract (signup, login): no bearer token, no refresh. */
export async function callAnonymous(method: string, path: string, body?: Body): Promise<Response> {
  const init = requestInit(method, body);
  (init.headers as Headers).delete('Authorization');
  const response = await fetch(path, init);
  if (!response.ok) {
    throw await errorOf(response);
  }
  return response;
}
