import type { ConfigLine, UnknownLine } from '../reader.js';
import type { AceBody, AddressMatch, PortSpec } from './read-ace.js';

/** What the AOS-CX reader keeps of a configuration: lists, object groups, VLANs and interface VLANs. */
export type Family = 4 | 6;

export interface Ace extends AceBody {
  seq: number;
  line: ConfigLine;
}

export interface Acl {
  family: Family;
  name: string;
  /** By sequence number: the device evaluates in that order, whatever order the lines came in. */
  aces: Map<number, Ace>;
}

export interface AddressGroup {
  family: Family;
  entries: Map<number, { match: AddressMatch; line: ConfigLine }>;
}

export interface PortGroup {
  entries: Map<number, { spec: PortSpec; line: ConfigLine }>;
}

/** An `apply access-list` line. */
export interface Binding {
  name: string;
  line: ConfigLine;
}

export type PerFamily<T> = { 4?: T; 6?: T };

export interface Vlan {
  id: number;
  name?: string;
  in: PerFamily<Binding>;
  out: PerFamily<Binding>;
}

/** An interface VLAN: whether each family is routed on it, and the routed ACLs. */
export interface Svi {
  vlan: number;
  addresses: { 4: string[]; 6: string[] };
  /** Active-gateway (VSX) and VRRP virtual addresses, kept for the reader's users; they filter nothing. */
  virtual: string[];
  helpers: string[];
  routedIn: PerFamily<Binding>;
  routedOut: PerFamily<Binding>;
}

export interface Config {
  acls: Map<string, Acl>;
  addressGroups: Map<string, AddressGroup>;
  portGroups: Map<string, PortGroup>;
  vlans: Map<number, Vlan>;
  svis: Map<number, Svi>;
  unknown: UnknownLine[];
}

/** What a context makes of a line: done, a reason it is wrong, or not one of its commands (try the enclosing context). */
export type Outcome = true | string | undefined;
export interface Context {
  handle(words: string[], line: ConfigLine): Outcome;
  /** The context a command of this one opens (`vrrp ...` inside an interface VLAN). */
  opened?: Context;
}
