import { xmlAttribute, xmlText } from '../report/xml-text.js';
import type { LabHost } from './hosts.js';
import type { LabResult } from './run-lab.js';

type Row = LabResult['probes'][number];

function cell(r: Row | undefined): string {
  if (!r) return ' ';
  if (r.actual !== r.expected) return '!';
  // The matrix's marks: X allowed, . nothing (wardline matrix).
  return r.actual ? 'X' : '.';
}

function hostLabel(h: LabHost): string {
  return `${h.name} ${h.address}`;
}

/** Cyclonus-style: one table per kind of probe, sources as rows, destinations as numbered columns. */
export function labText(result: LabResult): string {
  const hosts = result.hosts;
  const index = new Map(hosts.map((h, i) => [h, i + 1]));
  const width = String(hosts.length).length;
  const labels = hosts.map((h) => `${String(index.get(h)).padStart(width)} ${hostLabel(h)}`);
  const pad = Math.max(...labels.map((l) => l.length));
  const out: string[] = [
    `Kernel lab: nftables ruleset of ${result.point} in a router namespace, ${hosts.length} hosts, ${result.probes.length} probes.`,
    'Legend: X allowed (kernel and simulator agree)   . blocked (both agree)   ! kernel and simulator disagree   (blank: not probed); as in wardline matrix',
    '',
  ];
  const header = (digit: number) =>
    `${' '.repeat(pad)}  ${hosts.map((h) => String(index.get(h)).padStart(width).charAt(digit)).join('')}`;
  for (const kind of result.kinds) {
    const rows = result.probes.filter((p) => p.kind === kind);
    const byPair = new Map(rows.map((r) => [`${index.get(r.src)}>${index.get(r.dst)}`, r]));
    out.push(`${kind.label} (${kind.services.join(', ')})`);
    for (let d = 0; d < width; d++) out.push(header(d));
    hosts.forEach((src, s) => {
      const cells = hosts.map((dst) => cell(byPair.get(`${index.get(src)}>${index.get(dst)}`))).join('');
      out.push(`${labels[s]!.padEnd(pad)}  ${cells}`);
    });
    out.push('');
  }
  const wrong = result.probes.filter((p) => p.actual !== p.expected);
  if (wrong.length > 0) {
    out.push('Disagreements:');
    for (const w of wrong) {
      out.push(`  ${w.kind.label} ${hostLabel(w.src)} -> ${hostLabel(w.dst)}: kernel ${w.actual ? 'allowed' : 'blocked'}, simulator ${w.expected ? 'allows' : 'blocks'}`);
    }
    out.push('');
  }
  for (const d of result.dhcp) {
    const mark = d.actual === d.expected ? (d.actual ? 'X' : '.') : '!';
    out.push(`dhcp ${mark} zone ${d.zone} through the relay to ${d.server}: ${d.detail}; simulator ${d.expected ? 'relays it' : 'does not relay it'}`);
  }
  if (result.dhcpSkipped) out.push(`dhcp: not probed: ${result.dhcpSkipped}`);
  if (result.dhcp.length > 0 || result.dhcpSkipped) out.push('');
  for (const zone of [...new Set(result.isolation.map((i) => i.zone))]) {
    const rows = result.isolation.filter((i) => i.zone === zone);
    const passed = rows.filter((r) => r.actual).length;
    out.push(`isolation zone ${zone}: ${rows.length} packets between two stations, ${passed} arrived, ${rows.length - passed} dropped by its VLAN filter`);
    for (const r of rows.filter((x) => x.actual !== x.expected)) {
      out.push(`  ! ${r.packet}: kernel ${r.actual ? 'forwarded' : 'dropped'}, simulator ${r.expected ? 'forwards' : 'drops'}`);
    }
  }
  if (result.isolation.length > 0) out.push('');
  if (result.monitorLog) {
    const monitored = result.monitorLog.filter((m) => m.expected !== null);
    out.push(`monitor mode: ${monitored.length} probes the policy would deny passed, each to leave one kernel log record with the marker of what would deny it; the other ${result.monitorLog.length - monitored.length} must leave none`);
    for (const m of result.monitorLog.filter((x) => !x.agree)) {
      out.push(`  ! ${m.probe.kind.label} ${hostLabel(m.probe.src)} -> ${hostLabel(m.probe.dst)}: ${m.records.length} record(s) ${m.records.join(' ')}, expected ${m.expected === null ? 'none' : `${m.attempts === 1 ? 'one' : 'one per attempt'} with ${m.expected}`}`);
    }
    out.push('');
  }
  out.push(`${result.agree} agree, ${result.disagree} disagree`);
  return `${out.join('\n')}\n`;
}

export function labJson(result: LabResult): string {
  const doc = {
    point: result.point,
    hosts: result.hosts.map((h) => ({ name: h.name, endpoint: h.endpoint, zone: h.zone, address: h.address })),
    probes: result.probes.map((p) => ({
      probe: p.kind.label,
      services: p.kind.services,
      from: p.src.name,
      fromAddress: p.src.address,
      to: p.dst.name,
      toAddress: p.dst.address,
      kernel: p.actual ? 'allowed' : 'blocked',
      simulator: p.expected ? 'allowed' : 'blocked',
      agree: p.actual === p.expected,
    })),
    dhcp: result.dhcp.map((d) => ({ zone: d.zone, server: d.server, kernel: d.actual ? 'leased' : 'no lease', simulator: d.expected ? 'relayed' : 'not relayed', detail: d.detail, agree: d.actual === d.expected })),
    ...(result.dhcpSkipped === undefined ? {} : { dhcpSkipped: result.dhcpSkipped }),
    isolation: result.isolation.map((i) => ({ zone: i.zone, packet: i.packet, kernel: i.actual ? 'forwarded' : 'dropped', simulator: i.expected ? 'forwarded' : 'dropped', agree: i.actual === i.expected })),
    ...(result.monitorLog === undefined
      ? {}
      : {
          monitorLog: result.monitorLog.map((m) => ({ probe: m.probe.kind.label, from: m.probe.src.name, fromAddress: m.probe.src.address, to: m.probe.dst.name, toAddress: m.probe.dst.address, marker: m.expected, records: m.records, agree: m.agree })),
        }),
    agree: result.agree,
    disagree: result.disagree,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** One test suite per kind of probe, one test case per connection; a disagreement is a failure. */
export function labJunit(result: LabResult): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="wardline lab" tests="${result.probes.length + result.dhcp.length + result.isolation.length}" failures="${result.disagree}">`];
  for (const kind of result.kinds) {
    const rows = result.probes.filter((p) => p.kind === kind);
    const failures = rows.filter((r) => r.actual !== r.expected).length;
    out.push(`  <testsuite name="${xmlAttribute(`${kind.label} (${kind.services.join(', ')})`)}" tests="${rows.length}" failures="${failures}">`);
    for (const r of rows) {
      const name = xmlAttribute(`${hostLabel(r.src)} -> ${hostLabel(r.dst)}`);
      if (r.actual === r.expected) out.push(`    <testcase classname="${xmlAttribute(kind.label)}" name="${name}"/>`);
      else {
        const msg = `kernel ${r.actual ? 'allowed' : 'blocked'}, simulator ${r.expected ? 'allows' : 'blocks'}`;
        out.push(`    <testcase classname="${xmlAttribute(kind.label)}" name="${name}">`, `      <failure message="${xmlAttribute(msg)}">${xmlText(msg)}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  if (result.dhcp.length > 0) {
    const failures = result.dhcp.filter((d) => d.actual !== d.expected).length;
    out.push(`  <testsuite name="dhcp through the relay" tests="${result.dhcp.length}" failures="${failures}">`);
    for (const d of result.dhcp) {
      const name = xmlAttribute(`zone ${d.zone} to ${d.server}`);
      if (d.actual === d.expected) out.push(`    <testcase classname="dhcp" name="${name}"/>`);
      else out.push(`    <testcase classname="dhcp" name="${name}">`, `      <failure message="${xmlAttribute(d.detail)}">${xmlText(d.detail)}</failure>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  for (const zone of [...new Set(result.isolation.map((i) => i.zone))]) {
    const rows = result.isolation.filter((i) => i.zone === zone);
    const failures = rows.filter((r) => r.actual !== r.expected).length;
    out.push(`  <testsuite name="${xmlAttribute(`isolation of zone ${zone}`)}" tests="${rows.length}" failures="${failures}">`);
    for (const r of rows) {
      const name = xmlAttribute(r.packet);
      if (r.actual === r.expected) out.push(`    <testcase classname="isolation" name="${name}"/>`);
      else {
        const msg = `kernel ${r.actual ? 'forwarded' : 'dropped'}, simulator ${r.expected ? 'forwards' : 'drops'}`;
        out.push(`    <testcase classname="isolation" name="${name}">`, `      <failure message="${xmlAttribute(msg)}">${xmlText(msg)}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
