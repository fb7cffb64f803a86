import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, execaSync, type ResultPromise } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { placeDevice } from '../../src/model/device-lookup.js';
import { roleNames } from '../../src/compile/role-names.js';
import type { Policy } from '../../src/model/policy.js';
import { REPO, wardline } from '../support/cli.js';
import { TODAY } from '../support/policy.js';

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

const EXAMPLE = `${REPO}policies/example-hospital`;

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

/** Every identity of the policy a RADIUS request can carry (MACs in four notations, OUIs, 802.1X), and unknown MACs. */
function devicesOf(policy: Policy): (readonly [string, 'mab' | 'dot1x'])[] {
  const out: (readonly [string, 'mab' | 'dot1x'])[] = [];
  for (const g of policy.groups.values()) {
    for (const mac of g.identities?.macs ?? []) {
      const hex = mac.value.replace(/[^0-9a-f]/gi, '').toLowerCase();
      const pairs = hex.match(/../g)!;
      out.push([pairs.join(':'), 'mab'], [pairs.join('-').toUpperCase(), 'mab'], [hex, 'mab'], [`${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`, 'mab']);
    }
    for (const oui of g.identities?.ouis ?? []) out.push([`${oui.value}:12:34:56`, 'mab']);
    for (const id of g.identities?.dot1x ?? []) out.push([id.value, 'dot1x']);
  }
  return [...out, ['aa:bb:cc:dd:ee:ff', 'mab'], ['02:00:00:00:00:01', 'mab']];
}

describe.skipIf(!ready && !required)('FreeRADIUS with the compiled authorize file', () => {
  // The example hospital's NAC point (ExtremeControl roles, the seed); the renderer's tests pin the other two forms.
  it('answers every identity of the example hospital and unknown devices as query --device does', { timeout: 60_000 }, async () => {
    expect(ready, 'freeradius and radclient must be installed').toBe(true);
    const dir = join(work, 'example');
    mkdirSync(dir, { recursive: true });
    const compiled = await wardline(['compile', EXAMPLE, '--only', 'nac-radius', '-o', join(dir, 'out'), '--today', TODAY]);
    expect(compiled.exitCode, compiled.stderr).toBe(0);
    const policy = checkPolicy(await readPolicySources([EXAMPLE]), TODAY).policy;
    const authorize = readFileSync(join(dir, 'out', 'nac-radius', 'authorize'), 'utf8');
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
      const devices = devicesOf(policy);
      expect(devices.length).toBeGreaterThan(25);
      // query --device's answer (placeDevice, which e2e tests drive through the CLI) for each, asked side by side.
      const answers = await Promise.all(devices.map(([device, kind]) => ask(port, secret, device, kind === 'mab' ? device : 'eap-stands-in')));
      devices.forEach(([device], i) => {
        const place = placeDevice(policy, device, roleNames(policy));
        const role = place.role === null ? undefined : `Enterasys:version=1:policy=${place.role}`;
        expect(answers[i], device).toEqual({ code: 'Access-Accept', vlan: String(place.vlan), ...(role === undefined ? {} : { role }) });
      });
      expect(devices.filter(([d]) => placeDevice(policy, d, roleNames(policy)).zone === 'quarantine').length).toBe(2);
      // A wrong password for an 802.1X identity is not accepted: only MAB entries accept without authentication.
      expect((await ask(port, secret, 'pump-4e-017@biomed.example.org', 'wrong')).code).toBe('Access-Reject');
    } finally {
      server.kill('SIGTERM');
      await server;
      server = undefined;
    }
  });
});
