import type { MemberSummary } from './types';

const MemberKey = 'dailyfeed.member';

type Listener = () => void;

/**
 * Who is signed in. The access token lives in memory only (never in storage); the refresh token is an HttpOnly
 * cookie this code cannot read. Only the signed-in member's public summary is kept in sessionStorage, for display.
 */
class Session {
  private token: string | null = null;
  private listeners: Listener[] = [];
  /** A message for the login page, e.g. why the member was signed out. */
  notice: string | null = null;

  get accessToken(): string | null {
    return this.token;
  }

  get member(): MemberSummary | null {
    const stored = sessionStorage.getItem(MemberKey);
    return stored ? (JSON.parse(stored) as MemberSummary) : null;
  }

  get isSignedIn(): boolean {
    return this.token !== null;
  }

  setAccessToken(token: string): void {
    this.token = token;
  }

  setMember(member: MemberSummary): void {
    sessionStorage.setItem(MemberKey, JSON.stringify(member));
    this.changed();
  }

  /** Forgets everything this tab knows about the member. */
  clear(): void {
    this.token = null;
    sessionStorage.clear();
    localStorage.clear();
    this.changed();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}

export const session = new Session();
