/**
 * Times as the formats write them, to ISO 8601 UTC with milliseconds (`2026-11-28T09:14:03.120Z`). Local times
 * without a zone (nfdump, PAN-OS, FortiOS without tz, `dmesg -T`) are the device's clock: `utcOffsetMinutes` east of UTC.
 */

export function isoFromMillis(ms: number): string | undefined {
  // Date's own range; anything outside it is no time a device wrote. Below a millisecond is cut, not rounded.
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(Math.floor(ms)).toISOString();
}

/** Seconds since the epoch, as text with an optional fraction (conntrack, Zeek, FortiOS eventtime in seconds). */
export function epochSecondsMillis(text: string): number | undefined {
  if (!/^[0-9]{1,12}(\.[0-9]{1,9})?$/.test(text)) return undefined;
  return Number(text) * 1000;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function monthIndex(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? undefined : i;
}

/** Milliseconds of a wall-clock time given as parts, shifted from a zone `offsetMinutes` east of UTC; undefined when a part is out of range. */
export function wallClockMillis(
  year: number,
  monthZero: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  offsetMinutes: number,
): number | undefined {
  if (monthZero < 0 || monthZero > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.UTC(year, monthZero, day, hour, minute, second) + (fraction ? Number(`0.${fraction}`) * 1000 : 0);
  // Date.UTC rolls 31 February over into March; a date that moved was not a date.
  if (new Date(ms).getUTCDate() !== day && second < 60) return undefined;
  return ms - offsetMinutes * 60_000;
}

const LOCAL_TIME = /^([0-9]{4})[-/]([0-9]{2})[-/]([0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?$/;

/** `2025-11-28 09:14:03`, `2025/11/28 09:14:03`, `2025-11-28T09:14:03.120` (no zone: the device's local time). */
export function localTimeMillis(text: string, offsetMinutes: number): number | undefined {
  const m = LOCAL_TIME.exec(text);
  if (!m) return undefined;
  return wallClockMillis(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, m[7], offsetMinutes);
}

/**
 * localTimeMillis to ISO text, fast for a stream of records: offsets are whole minutes, so seconds and fraction
 * are copied and only the minute is converted, once per minute seen (records of an export come in time order).
 */
export function localTimeIso(offsetMinutes: number): (text: string) => string | undefined {
  let minuteKey: string | undefined;
  let minuteIso: string | undefined;
  return (text) => {
    const m = LOCAL_TIME.exec(text);
    if (!m || +m[6]! > 59) return undefined;
    const key = text.slice(0, 16);
    if (key !== minuteKey) {
      minuteKey = key;
      const ms = wallClockMillis(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, 0, undefined, offsetMinutes);
      minuteIso = ms === undefined ? undefined : isoFromMillis(ms)?.slice(0, 17);
    }
    if (minuteIso === undefined) return undefined;
    const fraction = m[7] === undefined ? '000' : m[7].length >= 3 ? m[7].slice(0, 3) : m[7].padEnd(3, '0');
    return `${minuteIso}${m[6]}.${fraction}Z`;
  };
}

/** `+0100`, `-08:00`, `Z`, `UTC+5:30` (FortiOS tz, RFC 3339, journalctl) to minutes east of UTC. */
export function zoneOffsetMinutes(text: string): number | undefined {
  if (text === 'Z' || text === 'UTC' || text === 'GMT') return 0;
  const m = /^(?:UTC|GMT)?([+-])([0-9]{1,2}):?([0-9]{2})?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes > 14 * 60 ? undefined : m[1] === '-' ? -minutes : minutes;
}

/** Sets a record's first and last seen when both are times; a record keeps no half-known span. */
export function setSpan(record: { first?: string; last?: string }, firstMs: number, lastMs: number): void {
  const first = isoFromMillis(firstMs);
  const last = isoFromMillis(lastMs);
  if (first !== undefined && last !== undefined) [record.first, record.last] = [first, last];
}
