import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync, type ResultPromise } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

// The compiled authorize file on a real FreeRADIUS (Debian's freeradius 3), asked by radclient on loopback: every
// identity of the policy, and unknown devices, answered with the VLAN and role `wardline query --device` gives.
// CI (.ci/run) installs freeradius and freeradius-utils and sets WARDLINE_NAC=required, so there it never skips.

const have = (tool: string) => execaSync('sh', ['-c', `command -v ${tool}`], { reject: false }).exitCode === 0;
const ready = have('freeradius') && have('radclient');
const required = process.env.WARDLINE_NAC === 'required';
if (!ready && !required) process.stderr.write('freeradius: skipped: apt install freeradius freeradius-utils\n');

const work = mkdtempSync(join(tmpdir(), 'wardline-nac-'));
let server: ResultPromise | undefined;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const POLICY = `wardline: 1
zones:
  ward: { vlan: 140, subnets: [10.20.0.0/22], gateway: 10.20.0.1, via: sw1, labels: [medical] }
  imaging: { vlan: 160, subnets: [10.40.0.0/24], gateway: 10.40.0.1, via: sw1, labels: [medical] }
  dc: { vlan: 500, subnets: [10.50.0.0/24], gateway: 10.50.0.1, via: sw1 }
  quarantine: { vlan: 999, subnets: [10.99.0.0/24], gateway: 10.99.0.1, via: sw1 }
groups:
  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44], dot1x: [pump-017@biomed.example.org] } }
  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [00:1b:44:02:00:10, 00-50-56-AA-BB-01] } }
  ct-scanners: { zone: imaging, addresses: [10.40.0.16/28], identities: { ouis: [08:00:30], dot1x: ["ct \\"room\\" 2"] } }
  pump-server: { zone: dc, addresses: [10.50.0.20] }
flows:
  - { id: pumps-to-server, from: pumps, to: pump-server, services: [https], owner: biomed@example.org }
unknown-devices: { zone: quarantine }
enforcement:
  sw1: { platform: cisco-ios }
  nac: { platform: freeradius, role-attribute: ROLE }
`;

/** A UDP port free on loopback now (the OS picks it), so a second run on this machine does not clash. */
async function freePort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A minimal server: loopback only, this run's port and secret, the files module reading the compiled authorize file. */
function serverConfig(dir: string, port: number, secret: string): void {
  mkdirSync(join(dir, 'log'), { recursive: true });
  mkdirSync(join(dir, 'run'), { recursive: true });
  writeFileSync(
    join(dir, 'radiusd.conf'),
    `prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = /var
sbindir = /usr/sbin
logdir = ${dir}/log
raddbdir = ${dir}
radacctdir = ${dir}/log
name = freeradius
confdir = ${dir}
run_dir = ${dir}/run
libdir = /usr/lib/freeradius
pidfile = ${dir}/run/radiusd.pid
max_request_time = 30
cleanup_delay = 0
max_requests = 1024
hostname_lookups = no
log {
\tdestination = files
\tfile = ${dir}/log/radius.log
}
security {
\tallow_core_dumps = no
}
$INCLUDE /etc/freeradius/3.0/dictionary
client localhost {
\tipaddr = 127.0.0.1
\tsecret = ${secret}
}
modules {
\tfiles {
\t\tfilename = ${dir}/users
\t}
\tpap {
\t}
}
server default {
\tlisten {
\t\ttype = auth
\t\tipaddr = 127.0.0.1
\t\tport = ${port}
\t}
\tauthorize {
\t\tfiles
\t\tpap
\t}
\tauthenticate {
\t\tAuth-Type PAP {
\t\t\tpap
\t\t}
\t}
\tpost-auth {
\t}
}
`,
  );
}

interface Answer {
  code: string;
  vlan?: string;
  role?: string;
}

async function ask(port: number, secret: string, user: string, password: string): Promise<Answer> {
  const attrs = `User-Name = "${user.replace(/"/g, '\\"')}", User-Password = "${password}"`;
  const r = await execa('radclient', ['-x', '-r', '2', '-t', '3', `127.0.0.1:${port}`, 'auth', secret], { input: attrs, reject: false });
  const out = String(r.stdout);
  const code = /Received (Access-\w+)/.exec(out)?.[1] ?? `none: ${String(r.stderr).trim()}`;
  const answer: Answer = { code };
  const vlan = /Tunnel-Private-Group-Id:0 = "([^"]*)"/.exec(out)?.[1];
  const role = /(?:Filter-Id|Aruba-User-Role) = "([^"]*)"/.exec(out)?.[1];
  if (vlan !== undefined) answer.vlan = vlan;
  if (role !== undefined) answer.role = role;
  return answer;
}

describe.skipIf(!ready && !required)('FreeRADIUS with the compiled authorize file', () => {
  // One role form on the server (ExtremeControl's, the seed); the renderer's tests pin the other two.
  it.each(['extreme'])('answers every identity and unknown devices as query --device does (%s roles)', { timeout: 60_000 }, async (roleAttribute) => {
    expect(ready, 'freeradius and radclient must be installed').toBe(true);
    const dir = join(work, roleAttribute);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'policy.yaml'), POLICY.replace('ROLE', roleAttribute));
    const compiled = await wardline(['compile', join(dir, 'policy.yaml'), '-o', join(dir, 'out')]);
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    const authorize = readFileSync(join(dir, 'out', 'nac', 'authorize'), 'utf8');
    const secret = randomBytes(12).toString('hex');
    const port = await freePort();
    const conf = join(dir, 'raddb');
    serverConfig(conf, port, secret);
    // 802.1X is EAP's to authenticate: here a known password stands in for it, then the compiled entries decide.
    writeFileSync(join(conf, 'users'), `DEFAULT\tCleartext-Password := "eap-stands-in"\n\tFall-Through = Yes\n\n${authorize}`);
    expect(authorize).not.toContain(secret);
    const check = await execa('freeradius', ['-d', conf, '-n', 'radiusd', '-C'], { reject: false });
    expect(check.exitCode, `${check.stdout}${check.stderr}`).toBe(0);
    server = execa('freeradius', ['-d', conf, '-n', 'radiusd', '-f'], { reject: false });
    const log = join(conf, 'log', 'radius.log');
    for (let i = 0; i < 50 && !(() => { try { return readFileSync(log, 'utf8').includes('Ready to process requests'); } catch { return false; } })(); i++) await new Promise((r) => setTimeout(r, 100));
    try {
      const devices = [
        ['00:1b:44:02:00:10', 'mab'], ['001b.4402.0010', 'mab'], ['00-1B-44-02-00-10', 'mab'], ['001b44020010', 'mab'],
        ['00:50:56:aa:bb:01', 'mab'], ['00:1b:44:77:66:55', 'mab'], ['08-00-30-12-34-56', 'mab'],
        ['pump-017@biomed.example.org', 'dot1x'], ['ct "room" 2', 'dot1x'],
        ['aa:bb:cc:dd:ee:ff', 'mab'], ['02:00:00:00:00:01', 'mab'],
      ] as const;
      for (const [device, kind] of devices) {
        const q = await wardline(['query', join(dir, 'policy.yaml'), '--device', device, '--format', 'json']);
        const place = JSON.parse(q.stdout) as { vlan: number | null; role: string | null; rejected: boolean };
        const got = await ask(port, secret, device, kind === 'mab' ? device : 'eap-stands-in');
        const role = place.role === null ? undefined : roleAttribute === 'extreme' ? `Enterasys:version=1:policy=${place.role}` : place.role;
        expect(got, device).toEqual({ code: 'Access-Accept', vlan: String(place.vlan), ...(role === undefined ? {} : { role }) });
      }
      // A wrong password for an 802.1X identity is not accepted: only MAB entries accept without authentication.
      expect((await ask(port, secret, 'pump-017@biomed.example.org', 'wrong')).code).toBe('Access-Reject');
    } finally {
      server.kill('SIGTERM');
      await server;
      server = undefined;
    }
  });
});
