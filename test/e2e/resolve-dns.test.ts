import { execa, type ResultPromise } from 'execa';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'wardline-resolve-dns-'));
const EXAMPLE = join(REPO, 'examples', 'vendor-cloud');
let dnsmasq: ResultPromise | undefined;
let server = '';

/** A free UDP port on loopback, for this run's own DNS server (two runs never share one). */
async function freePort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  const { port } = socket.address();
  await new Promise<void>((done) => socket.close(() => done()));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  server = `127.0.0.1:${port}`;
  // dnsmasq answers only what it is told: the vendor cloud's two addresses, given in the reverse of their order.
  dnsmasq = execa('dnsmasq', [
    '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts', '--bind-interfaces', '--listen-address=127.0.0.1',
    `--port=${port}`, '--user=root', '--log-facility=-', `--pid-file=${join(work, 'dnsmasq.pid')}`,
    '--address=/updates.analyser-vendor.example/198.51.100.41', '--address=/updates.analyser-vendor.example/198.51.100.40',
  ], { reject: false });
  // Ready when it answers.
  for (let i = 0; i < 50 && !existsSync(join(work, 'dnsmasq.pid')); i++) await new Promise((r) => setTimeout(r, 100));
}, 20_000);

afterAll(() => {
  dnsmasq?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe('wardline resolve', () => {
  it('writes what the names without addresses resolve to: the example resolution file, byte for byte, whatever the answer order', async () => {
    const r = await wardline(['resolve', join(EXAMPLE, 'policy'), '--server', server]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(EXAMPLE, 'dns.yaml'), 'utf8'));
    const out = join(work, 'dns.yaml');
    expect((await wardline(['resolve', join(EXAMPLE, 'policy'), '--server', server, '-o', out])).exitCode).toBe(0);
    // It replaces its own file; compile reads it and writes the addresses.
    expect((await wardline(['resolve', join(EXAMPLE, 'policy'), '--server', server, '-o', out])).exitCode).toBe(0);
    const compiled = await wardline(['compile', join(EXAMPLE, 'policy'), '-o', join(work, 'out'), '--resolve', out]);
    expect(compiled.exitCode).toBe(0);
    expect(readFileSync(join(work, 'out', 'lab-router', 'ruleset.nft'), 'utf8')).toContain('198.51.100.40/31');
  });

  it('a name that does not resolve: exit 1, named on stderr, nothing written', async () => {
    const policy = join(work, 'unknown.yaml');
    writeFileSync(policy, readFileSync(join(EXAMPLE, 'policy', 'policy.yaml'), 'utf8').replace('updates.analyser-vendor.example', 'nowhere.analyser-vendor.example'));
    const out = join(work, 'none.yaml');
    const r = await wardline(['resolve', policy, '--server', server, '--timeout', '500', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^wardline: nowhere\.analyser-vendor\.example: (no A or AAAA record|no answer \(\w+\))\nwardline: 1 of 1 name did not resolve: nothing written/);
    expect(existsSync(out)).toBe(false);
  });

  it('never replaces a file it did not write, and refuses a server that is no address', async () => {
    const foreign = join(work, 'policy-file.yaml');
    writeFileSync(foreign, 'wardline: 1\nzones: {}\n');
    const r = await wardline(['resolve', join(EXAMPLE, 'policy'), '--server', server, '-o', foreign]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('exists and was not written by wardline resolve');
    expect(readFileSync(foreign, 'utf8')).toBe('wardline: 1\nzones: {}\n');
    expect((await wardline(['resolve', join(EXAMPLE, 'policy'), '--server', 'dns.example.org'])).exitCode).toBe(2);
  });
});
