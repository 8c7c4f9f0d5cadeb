// Reliability of `autopilot-sim studio`: a busy port, an unknown file, a bad argument are
// one line and exit 2 (nothing served); the printed link opens the file it was given and
// holds no path of this machine; the server answers only requests addressed to a loopback
// name (DNS rebinding) and forbids framing. Servers bind 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sessionFromHash } from '../../src/studio/app/run.ts';
import { loopbackHost, startStudioServer } from '../../src/studio/server.ts';
import { BIN, cli, plainEnv } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('apsim-studio-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('studio: bad arguments are one line and exit 2, nothing served', () => {
  it('a busy port', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await cli('studio', '--port', String(port));
      expect(r.code).toBe(2);
      expect(r.err.trim().split('\n')).toEqual([`autopilot-sim: --port ${port}: the port is in use on 127.0.0.1; give another, or leave --port out for a free one`]);
      expect(r.out).toBe('');
    } finally {
      busy.close();
    }
  });

  it('an unknown file, an invalid file, a fleet file, a bad port', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'scenario: sideways\n');
    for (const [argv, message] of [
      [['studio', join(dir, 'no-such-file.yaml')], /no-such-file\.yaml: file not found/],
      [['studio', join(dir, 'bad.yaml')], /bad\.yaml:1: scenario: expected one of/],
      [['studio', 'fleets/branch-rollout'], /this is a fleet file: run it with `autopilot-sim run`/],
      [['studio', '--port', '70000'], /--port: expected a port number from 0 to 65535/],
      [['studio', '--port', 'abc'], /--port: expected a port number/],
    ] as Array<[string[], RegExp]>) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.out).toBe('');
    }
  });
});

/** Start the real `studio` command, return the link it prints and a way to stop it. */
function startStudio(argv: string[], cwd: string): Promise<{ link: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'studio', ...argv], { cwd, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the studio printed no link within 60 s: ${err}`));
    }, 60_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /autopilot-sim studio: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ link: m[1]!, stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('close', (code) => reject(new Error(`the studio ended (${code}): ${err}`)));
  });
}

describe('studio FILE: the link opens that file, and holds no path of this machine', () => {
  it('a file given by path: the run the studio opens from the link is that file (name, seed, environment as written)', async () => {
    const text = `name: Kiosk in the lobby\nscenario: self-deploying\nseed: 42\nprofile: { joinType: entra }\nhardware: { tpm: '2.0', kind: physical }\n`;
    writeFileSync(join(dir, 'kiosk.yaml'), text);
    const { link, stop } = await startStudio([join(dir, 'kiosk.yaml')], dir);
    try {
      const url = new URL(link);
      expect(url.hostname).toBe('127.0.0.1');
      expect(link).not.toContain(dir);
      expect(decodeURIComponent(link)).not.toContain(dir);
      expect(decodeURIComponent(link)).not.toContain('kiosk.yaml');
      // The studio opens the run a link carries with this function, on load.
      const session = sessionFromHash(url.hash)!;
      expect(session.name).toBe('Kiosk in the lobby');
      expect(session.seed).toBe(42);
      const { name: _n, seed: _s, ...environment } = parse(text) as Record<string, unknown>;
      expect(session.input).toEqual(environment);
      expect(session.env.scenario).toBe('self-deploying');
      // And the page is served.
      const page = await fetch(new URL('/', url));
      expect(page.status).toBe(200);
    } finally {
      stop();
    }
  }, 90_000);

  it('a bundled name: its run, no path', async () => {
    const { link, stop } = await startStudio(['failures/self-deploying-vm'], dir);
    try {
      expect(decodeURIComponent(link)).not.toMatch(/scenarios|\/work|\/home|\/tmp/);
      const session = sessionFromHash(new URL(link).hash)!;
      const bundled = parse(readFileSync(join(import.meta.dirname, '../../scenarios/failures/self-deploying-vm.yaml'), 'utf8')) as { name: string };
      expect(session.name).toBe(bundled.name);
      expect(session.outcome.status).toBe('failed');
    } finally {
      stop();
    }
  }, 90_000);
});

describe('studio server: DNS rebinding and framing', () => {
  let port = 0;
  let close: () => void = () => {};
  beforeAll(async () => {
    const { server } = await startStudioServer({ port: 0 });
    port = (server.address() as { port: number }).port;
    close = () => server.close();
  });
  afterAll(() => close());

  /** A GET with a given Host header (fetch does not let a page set it; a rebinding attack sends the attacker's name). */
  function getWithHost(host: string | null): Promise<{ status: number; headers: string }> {
    return new Promise((resolve, reject) => {
      const socket = createConnection(port);
      let data = '';
      socket.on('data', (d) => (data += d.toString()));
      socket.on('error', reject);
      socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(data)?.[1]), headers: data.split('\r\n\r\n')[0]! }));
      socket.write(`GET / HTTP/1.1\r\n${host === null ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);
    });
  }

  it('serves 127.0.0.1, localhost and [::1], with or without its port', async () => {
    for (const host of ['127.0.0.1', `127.0.0.1:${port}`, 'localhost', `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(host)).status, host).toBe(200);
    }
  });

  it('refuses any other name, another port, or no Host header: 403', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1 > 65535 ? 1 : port + 1}`, '127.0.0.1.evil.example', 'localhost.evil.example', '0.0.0.0', '']) {
      const r = await getWithHost(host);
      expect([400, 403], `Host: ${host}`).toContain(r.status);
      expect(r.status === 403 || host === '', `Host: ${host}`).toBe(true);
    }
    expect(loopbackHost(undefined, port)).toBe(false);
  });

  it("forbids framing: frame-ancestors 'none' and X-Frame-Options DENY on every answer", async () => {
    for (const host of ['127.0.0.1', 'evil.example']) {
      const r = await getWithHost(host);
      expect(r.headers).toMatch(/content-security-policy: [^\r\n]*frame-ancestors 'none'/i);
      expect(r.headers).toMatch(/x-frame-options: DENY/i);
    }
  });
});
