// A period of time as statistics take it, [from, to), checked once for every subgraph that publishes
// figures: from before to, and at most three years (longer asks are refused rather than run).
import { codedError } from '../../schema/errors.ts';

/** A period, [from, to). */
export interface Period {
  readonly from: Date;
  readonly to: Date;
}

/** The longest period statistics answer for. */
export const MAX_PERIOD_DAYS = 3 * 366;

/** Throw BAD_USER_INPUT unless `from` is before `to` and the period is at most MAX_PERIOD_DAYS. */
export function checkPeriod(period: Period): void {
  if (!(period.from.getTime() < period.to.getTime())) throw codedError('BAD_USER_INPUT', '"from" must be before "to".', { field: 'from' });
  if (period.to.getTime() - period.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw codedError('BAD_USER_INPUT', 'The period is at most three years.', { field: 'to' });
}
