import type { WirePacket } from '../src/compile/evaluate.js';
import type { IntervalSet } from '../src/net/interval-set.js';

/**
 * A reader: the other direction of a target. It parses the files a device runs (as wardline renders them, hand-edited,
 * or pulled from the device in the same syntax) into match-action rules under the vendor's documented semantics, and
 * evaluates packets against them. It is written from the platform's manuals, never from the renderer's code: a reader
 * that shared the renderer's meaning would prove nothing (issue 15). Each reader's file header lists the syntax it
 * understands; any other non-comment line is returned in `unknown`, never skipped.
 */
export interface Reader {
  /**
   * The files of one device (one point, or one device of a pair), paths relative to its directory. Never throws on bad
   * text. `context` says what the DNS names of FQDN objects stand for; without it, or for a name it does not know, an
   * FQDN object's line is unknown.
   */
  read(files: readonly ConfigFile[], context?: ReadContext): ConfigReading;
}

/** What the policy knows that a device's text names only by reference: what the DNS name of an FQDN object stands for. */
export interface ReadContext {
  /**
   * The addresses a DNS name (lower case, no final dot) stands for, both families (model/dns-names.ts: what the policy
   * resolves it to, else its stand-ins); undefined for a name the policy does not have.
   */
  resolve(fqdn: string): IntervalSet | undefined;
}

export type { WirePacket };

export interface ConfigFile {
  /** Relative to the device's directory, as compile writes it: `config.txt`, `rules.v4`, `imaging_in_v4.pol`. */
  path: string;
  text: string;
}

/** One line of a configuration file, 1-based, as written (without its line break). */
export interface ConfigLine {
  file: string;
  line: number;
  text: string;
}

export interface UnknownLine extends ConfigLine {
  /** What the reader could not make of it, for the engineer: `unknown command`, `port operator "neq" on ...`. */
  reason: string;
}

/**
 * A zone's link as the policy describes it: how a reader finds the zone's interface, VLAN or device zone in its text.
 * Readers match by VLAN id first (the physical fact policy and device share), then by `interface`, then by the zone's
 * name (wardline names VLANs and firewall zones after the policy's zones).
 */
export interface ZoneLink {
  /** The policy's zone name. */
  zone: string;
  vlan?: number;
  /** The interface the policy names for the zone (`interface:` on a firewall zone), when it names one. */
  interface?: string;
}

export interface ReadVerdict {
  action: 'permit' | 'deny';
  /** Where on the device it was decided, in the platform's words: `Vlan140 in acl ward4e-devices_in_v4`, `from transit to dc-servers`. */
  where: string;
  /**
   * The config lines that decide: the entry that matched (and, where it names them, the object lines that made it
   * match); empty when the platform's default decides (implicit deny at the end of a list, no filter bound).
   */
  lines: ConfigLine[];
}

/** What one device's configuration does to packets. */
export interface ConfigReading {
  /**
   * A packet the device routes (not addressed to it). `from`/`to`: the zone links it enters and leaves by on this
   * device; undefined means the device's side towards the rest of the network (uplink, transit zone, default route).
   * `state`: `new` for a packet that opens a connection, `established` for a packet of a connection the device has
   * seen opened (a reply); stateless lists ignore it, stateful devices pass or match by it as the platform does.
   */
  forward(p: WirePacket, from: ZoneLink | undefined, to: ZoneLink | undefined, state: 'new' | 'established'): ReadVerdict;
  /** A packet from a zone's link to the device itself: its gateway addresses, link-scope and broadcast addresses. */
  toDevice(link: ZoneLink, p: WirePacket): ReadVerdict;
  /**
   * A packet switched between two stations of the zone's VLAN (never routed): what a VLAN-wide filter does to it.
   * Permit with no lines where nothing on the device filters it.
   */
  switched(link: ZoneLink, p: WirePacket): ReadVerdict;
  /** Lines the reader does not understand, in file and line order. */
  unknown: UnknownLine[];
}

/** Splits a file into numbered lines for a reader (1-based; `\r\n` and `\n` both end a line). */
export function numberedLines(file: ConfigFile): ConfigLine[] {
  const lines = file.text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((text, i) => ({ file: file.path, line: i + 1, text }));
}
