const DAY_MS = 86_400_000;
const twoDigits = (value: number) => (value < 10 ? `0${value}` : `${value}`);
const threeDigits = (value: number) => (value < 10 ? `00${value}` : value < 100 ? `0${value}` : `${value}`);

/**
 * `new Date(ms).toISOString()`, an order of magnitude faster for the timestamps of one history, which nearly all fall
 * on the same day: the date part is formatted once per day, the time of day by arithmetic. A history page converts
 * hundreds of them per request, and `Date` was the largest single cost of the events route (bench/server-history.ts).
 */
export function isoTimestampFormatter(): (ms: number) => string {
  let dayStart = Number.NaN;
  let datePart = '';
  return (ms) => {
    if (!Number.isInteger(ms) || ms < 0) return new Date(ms).toISOString();
    if (!(ms >= dayStart && ms < dayStart + DAY_MS)) {
      dayStart = ms - (ms % DAY_MS);
      datePart = new Date(dayStart).toISOString().slice(0, 11);
    }
    let rest = ms - dayStart;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1000);
    return `${datePart}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}.${threeDigits(rest - seconds * 1000)}Z`;
  };
}
