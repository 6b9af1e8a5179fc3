export type RefreshOutcome = 'refreshed' | 'relogin';

/**
 * Single-flight token refresh: however many requests fail at once, one call to the refresh endpoint runs and every
 * caller awaits the same outcome. The refresh token rotates on each use and a reused one revokes the whole session,
 * so two concurrent refreshes would sign the member out.
 */
export class RefreshCoordinator {
  private inFlight: Promise<RefreshOutcome> | null = null;

  constructor(private readonly refreshOnce: () => Promise<RefreshOutcome>) {}

  /** The refresh under way, if any: requests wait for it before they are sent. */
  get pending(): Promise<RefreshOutcome> | null {
    return this.inFlight;
  }

  refresh(): Promise<RefreshOutcome> {
    if (this.inFlight === null) {
      this.inFlight = this.refreshOnce().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }
}
