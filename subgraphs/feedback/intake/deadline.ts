// When a feedback item's answer is due: its category's hours, counted in working hours on the
// civil-service calendar (kit/calendar). Used by intake, the demo seed and the bulk seeding script.
import { addWorkingHours, CalendarNotCoveredError } from '../../kit/calendar/working-hours.ts';

/**
 * When an answer is due: `hours` working hours on the civil-service calendar. Past the years the
 * holiday data covers, weekdays are not knowable yet; the item is still accepted, with a calendar-hour
 * deadline, rather than refused (nothing a citizen sends is lost for want of next year's holiday list).
 */
export function feedbackDeadline(receivedAt: Date, hours: number): Date {
  try {
    return addWorkingHours(receivedAt, hours);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return new Date(receivedAt.getTime() + hours * 3_600_000);
    throw error;
  }
}
