import { expiredBetween, isWithin, type Validity } from '../model/expiry.js';
import type { Flow } from '../model/policy.js';
import { parseManifest, type Manifest } from './manifest.js';

/** Why committed output is not what the policy compiles to today, one line each; notes for output that is current. */
export interface Staleness {
  reasons: string[];
  notes: string[];
}

/**
 * Reads the committed manifest against the one compiled now. The policy changing, wardline changing and an expiry
 * passing are told apart, so a red merge gate says which of them to act on; the compile date itself never matters.
 * `filesDiffer`: whether any configuration file differs, is missing or is extra.
 */
export function staleness(committedText: string | undefined, wanted: Manifest, flows: readonly Flow[], today: string, filesDiffer: boolean): Staleness {
  const out: Staleness = { reasons: [], notes: [] };
  const committed = sameOrigin(committedText, wanted, out.reasons);
  if (!committed) return out;
  const sameButWindow =
    canonical(committed.points) === canonical(wanted.points) && canonical(committed.files) === canonical(wanted.files) && canonical(committed.usage) === canonical(wanted.usage);
  if (!filesDiffer && !sameButWindow) {
    out.reasons.push('its manifest.json was edited after compiling');
  } else if (isWithin(committed.valid, today)) {
    if (filesDiffer) out.reasons.push('its files differ from what the same policy compiles to: they were edited after compiling');
  } else if (filesDiffer) {
    out.reasons.push(...expiryLines(committed.valid, flows, today));
  } else {
    out.notes.push(`its manifest's validity window (${windowText(committed.valid)}) has passed, but no configuration file changed; compile again to renew it`);
  }
  return out;
}

/**
 * For a policy that no longer compiles today (an expectation fails once a flow expired, say): what the expiries since
 * the committed output was compiled took away, when it was compiled from this very policy; else nothing.
 */
export function expiriesSinceCompiled(committedText: string | undefined, wanted: Pick<Manifest, 'wardline' | 'policy'>, flows: readonly Flow[], today: string): string[] {
  const committed = sameOrigin(committedText, wanted, []);
  return committed && !isWithin(committed.valid, today) ? expiryLines(committed.valid, flows, today) : [];
}

/** The committed manifest when it comes from this policy and this wardline and has a window; else why not, in `reasons`. */
function sameOrigin(committedText: string | undefined, wanted: Pick<Manifest, 'wardline' | 'policy'>, reasons: string[]) {
  if (committedText === undefined) {
    reasons.push('it has no manifest.json: it was never compiled there');
    return undefined;
  }
  const committed = parseManifest(committedText);
  if (!committed) {
    reasons.push('its manifest.json is not a wardline manifest');
    return undefined;
  }
  if (committed.policy !== wanted.policy) reasons.push('the policy changed since it was compiled');
  if (committed.wardline !== wanted.wardline) reasons.push(`it was compiled by wardline ${committed.wardline}; this is wardline ${wanted.wardline}`);
  if (reasons.length > 0) return undefined;
  if (!committed.valid) {
    reasons.push('its manifest records the compile date, not the days it is valid on (an earlier wardline wrote it)');
    return undefined;
  }
  return { ...committed, valid: committed.valid };
}

/** What an expiry between the committed window and today changed, per flow. */
function expiryLines(window: Validity, flows: readonly Flow[], today: string): string[] {
  if (window.through !== null && today > window.through) {
    return expiredBetween(flows, window.through, today).map((f) => `flow ${f.id} expired on ${f.expires!.value}: the committed configuration still allows it`);
  }
  // Checked as of a day before the output was compiled: flows live on that day had already expired then.
  return expiredBetween(flows, today, window.from!).map(
    (f) => `flow ${f.id} is live through ${f.expires!.value}, but the committed configuration was compiled after it expired and does not allow it`,
  );
}

function windowText(v: Validity): string {
  if (v.from !== null && v.through !== null) return `${v.from} through ${v.through}`;
  return v.through !== null ? `through ${v.through}` : `from ${v.from}`;
}

/** JSON with object keys sorted, so two manifests compare by content, not by the order of their keys. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value,
  );
}
