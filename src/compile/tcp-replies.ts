import type { Platform } from '../model/policy.js';

/** TCP flag bits of the flags field (RFC 9293 §3.1). */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;
export const PSH = 0x08;
export const ACK = 0x10;
export const URG = 0x20;

/**
 * The flag values of the segments the answering side of a TCP connection sends: its SYN+ACK, data (ACK, PSH+ACK),
 * its close (FIN+ACK, and FIN+PSH+ACK when the last data rides with the FIN, as Linux and Windows servers send it), and
 * resets (RST, RST+ACK). A whole-field match lists them one by one; URG (RFC 6093: legacy Telnet only) and the ECN bits
 * (not in EXOS's flag keywords) are left out, and the README says what that costs.
 */
export const REPLY_SEGMENT_FLAGS: readonly number[] = [RST, RST | ACK, SYN | ACK, ACK, PSH | ACK, FIN | ACK, FIN | PSH | ACK];

/**
 * Platforms whose TCP flags condition compares the flags field as a whole value, one value per entry (EXOS
 * `tcp-flags`): their TCP reply lines pass exactly `REPLY_SEGMENT_FLAGS`. Elsewhere a reply line passes a segment
 * with ACK or RST set (IOS `established`, Junos `tcp-established`).
 */
const WHOLE_FIELD: ReadonlySet<Platform> = new Set<Platform>(['extreme-exos']);

/** The exact flag values a platform's TCP reply lines pass, or undefined where they pass any segment with ACK or RST. */
export function replyFlagValues(platform: string): readonly number[] | undefined {
  return WHOLE_FIELD.has(platform as Platform) ? REPLY_SEGMENT_FLAGS : undefined;
}

/** Whether a TCP reply line passes a segment with these flags: one of the exact values, or ACK or RST set. */
export function replyFlagsMatch(values: readonly number[] | undefined, flags: number): boolean {
  return values ? values.includes(flags) : (flags & (ACK | RST)) !== 0;
}

// In the order captures print them: SYN+ACK, FIN+PSH+ACK.
const NAMES: [number, string][] = [[SYN, 'SYN'], [FIN, 'FIN'], [RST, 'RST'], [PSH, 'PSH'], [ACK, 'ACK'], [URG, 'URG']];

/** `SYN+ACK`, `FIN+PSH+ACK`: the flags of a segment as people read them. */
export function flagsText(flags: number): string {
  return NAMES.filter(([bit]) => flags & bit).map(([, name]) => name).join('+') || 'none';
}
