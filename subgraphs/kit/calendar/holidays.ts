// Public holidays of Việt Nam for the civil service, as yearly DATA rather than rules: the Prime Minister
// fixes each year's schedule (which days of Tết, which day next to 2/9, swaps that join a holiday to a
// weekend), so no formula reproduces it. Dates are calendar dates in Asia/Ho_Chi_Minh (UTC+7, no DST).
//
// Statute: Labour Code 2019 (45/2019/QH14), art. 112(1): Tết Dương lịch 1 day; Tết Âm lịch 5 days;
// Ngày Chiến thắng 30/4; Quốc tế Lao động 1/5; Quốc khánh 2/9 plus one adjacent day (1/9 or 3/9); Giỗ Tổ
// Hùng Vương 10/3 âm lịch — 11 days. Art. 111(3): a holiday that falls on the weekly rest day is made up
// on the next working day (nghỉ bù). The government may also swap a working day with a Saturday
// (hoán đổi / làm bù) for civil servants on a Monday–Friday week, to join a holiday to a weekend.
//
// Per year:
// - daysOff: every date a civil servant is off because of a holiday — the statutory days (also when they
//   fall on a weekend, for completeness: they change nothing there), the nghỉ bù days, and the weekdays
//   made days off by a swap. Ordinary weekends next to a holiday are not listed.
// - workingSaturdays: Saturdays worked in exchange for a swapped weekday (làm bù).
//
// Every entry carries a comment: "verified" with the source that was checked, or "modelled:" with the
// reasoning where no official schedule could be found. Lunar dates (Tết, 10/3 âm lịch) were computed with
// Hồ Ngọc Đức's Vietnamese lunar-calendar algorithm at UTC+7 and agree with every published date below.
//
// Not included — Ngày Văn hóa Việt Nam (24/11): the Politburo chose 24/11 as a paid holiday (Nghị quyết
// 80-NQ/TW, January 2026) and the government tasked amending art. 112(1) (Nghị quyết 30/NQ-CP, February
// 2026; reported by vneconomy.vn, dantri.com.vn, znews.vn on 26/02/2026), but as of those reports the
// Labour Code had not been amended, so it is not yet a day off in law. When the amendment passes, add
// { date: 'YYYY-11-24', name: 'Ngày Văn hóa Việt Nam' } to the years it applies to (24/11/2026 is a
// Tuesday, 24/11/2027 a Wednesday) together with any swap the government announces.
// No other holiday was added in 2025: the day next to 2/9 dates from the 2019 Code (in force 2021).

/** One year of the civil-service holiday schedule. Dates are 'YYYY-MM-DD' in Asia/Ho_Chi_Minh. */
export interface HolidayCalendarYear {
  year: number;
  daysOff: readonly { date: string /* YYYY-MM-DD */; name: string }[];
  workingSaturdays: readonly { date: string; name: string }[];
}

const TET_2025 = 'Tết Nguyên đán Ất Tỵ';
const TET_2026 = 'Tết Nguyên đán Bính Ngọ';
const TET_2027 = 'Tết Nguyên đán Đinh Mùi';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const VICTORY = 'Ngày Chiến thắng 30/4';
const LABOUR = 'Quốc tế Lao động 1/5';
const NATIONAL = 'Quốc khánh 2/9';
const NEW_YEAR = 'Tết Dương lịch';

export const HOLIDAYS: readonly HolidayCalendarYear[] = [
  {
    year: 2025,
    daysOff: [
      // verified: 1/1/2025 is a Wednesday, one day off, no swap (vuasmartphone.vn "Lịch nghỉ Tết 2025").
      { date: '2025-01-01', name: NEW_YEAR },
      // verified: civil servants off Sat 25/1 (26 Chạp) – Sun 2/2/2025 (mùng 5), 9 days = 5 weekdays + 2
      // weekends, no swap; mùng 1 = Wed 29/1 (văn bản 8726/VPCP-KGVX 26/11/2024, reported by pld.net.vn;
      // the dates of the proposal it approved, reported by licham.prices.vn).
      { date: '2025-01-27', name: `${TET_2025} (28 tháng Chạp)` },
      { date: '2025-01-28', name: `${TET_2025} (29 tháng Chạp, giao thừa)` },
      { date: '2025-01-29', name: `${TET_2025} (mùng 1)` },
      { date: '2025-01-30', name: `${TET_2025} (mùng 2)` },
      { date: '2025-01-31', name: `${TET_2025} (mùng 3)` },
      // verified: 10/3 Ất Tỵ = Monday 7/4/2025 (hocluat.com.vn "Lịch nghỉ Giỗ Tổ Hùng Vương năm 2025").
      { date: '2025-04-07', name: HUNG_KINGS },
      // verified: off Wed 30/4 – Sun 4/5/2025; Fri 2/5 swapped with Sat 26/4 (VietnamPlus/TTXVN, relayed by
      // tracuuquyhoach.com "Công chức, viên chức được nghỉ thế nào trong dịp lễ 30/4-1/5/2025").
      { date: '2025-04-30', name: VICTORY },
      { date: '2025-05-01', name: LABOUR },
      { date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/4/2025)' },
      // verified: off Sat 30/8 – Tue 2/9/2025: 1/9 and 2/9 plus the weekend (Thông báo 6150/TB-BLĐTBXH,
      // relayed by giadinh.suckhoedoisong.vn).
      { date: '2025-09-01', name: `${NATIONAL} (ngày liền kề trước)` },
      { date: '2025-09-02', name: NATIONAL },
    ],
    workingSaturdays: [
      // verified: see 2/5/2025 above.
      { date: '2025-04-26', name: 'Làm bù cho ngày nghỉ hoán đổi 2/5/2025 (dịp 30/4–1/5)' },
    ],
  },
  {
    year: 2026,
    daysOff: [
      // verified: off Thu 1/1 – Sun 4/1/2026; Fri 2/1 swapped with Sat 10/1 (văn bản 12729/VPCP-KGVX
      // 25/12/2025; 24h.com.vn, vnexpress.net).
      { date: '2026-01-01', name: NEW_YEAR },
      { date: '2026-01-02', name: 'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)' },
      // verified: off Sat 14/2 (27 Chạp) – Sun 22/2/2026 (mùng 6), 9 days = 5 Tết days + 4 weekend days,
      // no swap; mùng 1 = Tue 17/2 (văn bản 9859/VPCP 13/10/2025; plo.vn, thanhnien.vn, vnanet.vn).
      { date: '2026-02-16', name: `${TET_2026} (29 tháng Chạp, giao thừa)` },
      { date: '2026-02-17', name: `${TET_2026} (mùng 1)` },
      { date: '2026-02-18', name: `${TET_2026} (mùng 2)` },
      { date: '2026-02-19', name: `${TET_2026} (mùng 3)` },
      { date: '2026-02-20', name: `${TET_2026} (mùng 4)` },
      // verified: 10/3 Bính Ngọ = Sunday 26/4/2026, made up on Monday 27/4 (thanhnien.vn 23/02/2026,
      // vnexpress.net).
      { date: '2026-04-26', name: `${HUNG_KINGS} — Chủ nhật` },
      { date: '2026-04-27', name: `Nghỉ bù ${HUNG_KINGS}` },
      // verified: Thu 30/4 and Fri 1/5/2026, no swap (thanhnien.vn 23/02/2026, vnexpress.net).
      { date: '2026-04-30', name: VICTORY },
      { date: '2026-05-01', name: LABOUR },
      // verified: off Sat 29/8 – Wed 2/9/2026: 2/9 and the day before (1/9), Mon 31/8 swapped with
      // Sat 22/8 (văn bản 9859/VPCP 13/10/2025; plo.vn, kienthuc.net.vn, thanhnien.vn).
      { date: '2026-08-31', name: `Nghỉ hoán đổi dịp ${NATIONAL} (làm bù thứ Bảy 22/8/2026)` },
      { date: '2026-09-01', name: `${NATIONAL} (ngày liền kề trước)` },
      { date: '2026-09-02', name: NATIONAL },
    ],
    workingSaturdays: [
      // verified: see 2/1/2026 above.
      { date: '2026-01-10', name: 'Làm bù cho ngày nghỉ hoán đổi 2/1/2026 (Tết Dương lịch)' },
      // verified: see 31/8/2026 above.
      { date: '2026-08-22', name: 'Làm bù cho ngày nghỉ hoán đổi 31/8/2026 (Quốc khánh)' },
    ],
  },
  {
    // No official 2027 schedule was found (it is normally announced in the autumn of the year before).
    // Everything below follows the statute; replace it with the Prime Minister's decision when published.
    year: 2027,
    daysOff: [
      // modelled: 1/1/2027 is a Friday, already joined to the weekend; statute gives one day, no swap needed.
      { date: '2027-01-01', name: NEW_YEAR },
      // modelled: mùng 1 Đinh Mùi = Saturday 6/2/2027 (computed; Chạp has 29 days, so Fri 5/2 is giao thừa).
      // Follows the precedent of Tết Đinh Dậu 2017, the last Tết on a Saturday: off 29 Chạp – mùng 5,
      // 7 days, no swap (Prime Minister's decision relayed by batgt.camau.gov.vn). Here: the 5 Tết days are
      // Thu 4/2 – Mon 8/2; mùng 1 and mùng 2 fall on the weekend and are made up on Tue 9/2 and Wed 10/2
      // (art. 111(3)). Civil servants off Thu 4/2 – Wed 10/2/2027, back on Thu 11/2.
      { date: '2027-02-04', name: `${TET_2027} (28 tháng Chạp)` },
      { date: '2027-02-05', name: `${TET_2027} (29 tháng Chạp, giao thừa)` },
      { date: '2027-02-06', name: `${TET_2027} (mùng 1) — thứ Bảy` },
      { date: '2027-02-07', name: `${TET_2027} (mùng 2) — Chủ nhật` },
      { date: '2027-02-08', name: `${TET_2027} (mùng 3)` },
      { date: '2027-02-09', name: `Nghỉ bù ${TET_2027} (mùng 4)` },
      { date: '2027-02-10', name: `Nghỉ bù ${TET_2027} (mùng 5)` },
      // modelled: 10/3 Đinh Mùi = Friday 16/4/2027 (computed), already joined to the weekend.
      { date: '2027-04-16', name: HUNG_KINGS },
      // modelled: 30/4/2027 is a Friday; 1/5/2027 is a Saturday, made up on Monday 3/5 (art. 111(3)).
      { date: '2027-04-30', name: VICTORY },
      { date: '2027-05-01', name: `${LABOUR} — thứ Bảy` },
      { date: '2027-05-03', name: `Nghỉ bù ${LABOUR}` },
      // modelled: 2/9/2027 is a Thursday; the adjacent day chosen is Friday 3/9, which joins the weekend
      // without a swap (the choice made in 2025, when 1/9 joined the weekend, and 2026, with a swap).
      { date: '2027-09-02', name: NATIONAL },
      { date: '2027-09-03', name: `${NATIONAL} (ngày liền kề sau)` },
    ],
    // modelled: no swap is needed in 2027 to join any holiday to a weekend, so no Saturday is worked.
    workingSaturdays: [],
  },
];

/** Whether HOLIDAYS holds the schedule of `year` (outside it, deadlines cannot be computed). */
export function calendarCovers(year: number): boolean {
  return HOLIDAYS.some((entry) => entry.year === year);
}
