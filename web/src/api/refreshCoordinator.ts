export type RefreshOutcome = 'refreshed' | 'relogin';

/**
 * Single-flight token refresh: however many requests fail at once, one call to the refresh endpoint runs and every
 * caller awaits the same outcome. The refresh token rotates on each use and a reused one revokes the whole session,
 * so two concurrent refreshes would sign the member out.
 */
export class RefreshCoordinator {
  private inFlight: Promise<RefreshOutcome> | null = null;
  private succeeded = 0;

  constructor(private readonly refreshOnce: () => Promise<RefreshOutcome>) {}

  /** The refresh under way, if any: requests wait for it before they are sent. */
  get pending(): Promise<RefreshOutcome> | null {
    return this.inFlight;
  }

  /**
   * How many refreshes have succeeded so far. A request notes it when sent: if it grew by the time the answer came, the
   * answer speaks of credentials the tab no longer uses.
   */
  get generation(): number {
    return this.succeeded;
  }

  refresh(): Promise<RefreshOutcome> {
    if (this.inFlight === null) {
      this.inFlight = this.refreshOnce()
        .then((outcome) => {
          if (outcome === 'refreshed') {
            this.succeeded += 1;
          }
          return outcome;
        })
        .finally(() => {
          this.inFlight = null;
        });
    }
    return this.inFlight;
  }
}
