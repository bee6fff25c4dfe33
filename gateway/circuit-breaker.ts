// A circuit breaker per subgraph: after `failureThreshold` failures in a row it opens and calls fail
// fast; after `resetMs` one trial call is let through (half-open), and its outcome closes or reopens it.

/** Breaker settings. */
export interface CircuitOptions {
  readonly failureThreshold: number;
  readonly resetMs: number;
}

/** The breaker's state, for health reports. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** One subgraph's breaker. */
export class CircuitBreaker {
  readonly options: CircuitOptions;
  private failures = 0;
  private openedAt: number | undefined;
  private trialInFlight = false;

  constructor(options: CircuitOptions) {
    this.options = options;
  }

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return Date.now() - this.openedAt >= this.options.resetMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now. In half-open state only one trial call goes. */
  allows(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
  }

  failed(): void {
    this.failures += 1;
    if (this.trialInFlight || this.failures >= this.options.failureThreshold) this.openedAt = Date.now();
    this.trialInFlight = false;
  }
}
