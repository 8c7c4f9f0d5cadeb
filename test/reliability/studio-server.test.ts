// Reliability: the studio's server binds 127.0.0.1 only and serves only the files under its
// root, whatever the request line; imported runs are data, refused when malformed or
// oversized, and never executed.
//
// Requests go over raw TCP (node:net) so the request line reaches the server exactly as
// written: fetch and http.request would normalize `..` and percent-encodings first.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { Session } from '../../src/engine/session.ts';
import { fileFor, startStudioServer } from '../../src/studio/server.ts';
import { MAX_IMPORT_BYTES, sessionFromFile, sessionFromHash, sessionFromText } from '../../src/studio/app/run.ts';
import { tempDir } from '../helpers/temp.ts';

const base = tempDir('apsim-studio-');
const root = join(base, 'root');
const SECRET = 'TOP-SECRET-4f1c9e';
const SIBLING_SECRET = 'TOP-SECRET-sibling-77a2';
const FILES: Record<string, { body: string; type: string }> = {
  'index.html': { body: '<!doctype html><title>studio</title>', type: 'text/html; charset=utf-8' },
  'app.js': { body: 'console.log("app")', type: 'text/javascript; charset=utf-8' },
  'style.css': { body: 'body{}', type: 'text/css; charset=utf-8' },
  'data.json': { body: '{"a":1}', type: 'application/json; charset=utf-8' },
  'icon.svg': { body: '<svg xmlns="http://www.w3.org/2000/svg"/>', type: 'image/svg+xml' },
  'blob.bin': { body: 'binary', type: 'application/octet-stream' },
  'sub/index.html': { body: '<!doctype html><title>sub</title>', type: 'text/html; charset=utf-8' },
};

let server: Server;
let port = 0;

beforeAll(async () => {
  mkdirSync(join(root, 'sub'), { recursive: true });
  for (const [name, f] of Object.entries(FILES)) writeFileSync(join(root, name), f.body);
  // Outside the root: beside it, and in a sibling folder whose name starts with the root's.
  writeFileSync(join(base, 'secret.txt'), SECRET);
  mkdirSync(join(base, 'root-evil'));
  writeFileSync(join(base, 'root-evil', 'secret.txt'), SIBLING_SECRET);
  // Symbolic links inside the root that lead out of it: to a file, and to a folder.
  symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
  symlinkSync(join(base, 'root-evil'), join(root, 'linked-dir'));
  ({ server } = await startStudioServer({ port: 0, root }));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  rmSync(base, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  raw: string;
}

/** Send bytes exactly as given (then half-close, with `end`); read until the server closes. */
function raw(request: string, end = false): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within 5 s to ${JSON.stringify(request.slice(0, 100))}`));
    }, 5000);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {}); // a reset after the answer is fine
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolvePromise({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, raw: text });
    });
    if (end) socket.end(request);
    else socket.write(request);
  });
}
const get = (target: string, method = 'GET') => raw(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);

const leaks = (r: RawResponse) => r.raw.includes(SECRET) || r.raw.includes(SIBLING_SECRET) || /root:.*:0:0:/.test(r.raw);

describe('the studio server', () => {
  it('binds 127.0.0.1 only', () => {
    const address = server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
  });

  it('serves its own files with the right content types, and nosniff', async () => {
    for (const [name, f] of Object.entries(FILES)) {
      const r = await get(`/${name}`);
      expect(r.status, name).toBe(200);
      expect(r.headers['content-type'], name).toBe(f.type);
      expect(r.headers['x-content-type-options'], name).toBe('nosniff');
      expect(r.raw, name).toContain(f.body);
    }
    expect((await get('/')).raw).toContain(FILES['index.html']!.body);
    expect((await get('/sub/')).raw).toContain(FILES['sub/index.html']!.body);
    const head = await get('/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.raw).not.toContain(FILES['app.js']!.body);
  });

  it('never serves a file outside its root: traversal, encodings, backslashes, NUL, absolute forms, long URLs -> 400/404', async () => {
    const secretAbs = join(base, 'secret.txt');
    const targets = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/.%2e/secret.txt',
      '/%2e./secret.txt',
      '/%252e%252e/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/..%c0%afsecret.txt',
      '/..;/secret.txt',
      '/sub/../../secret.txt',
      '/sub/%2e%2e/%2e%2e/secret.txt',
      '/../root-evil/secret.txt',
      '/%2e%2e/root-evil/secret.txt',
      '//etc/passwd',
      '/etc/passwd',
      '/%2fetc%2fpasswd',
      '/index.html%00.js',
      '/%00',
      '/index.html%00',
      '/\\..\\secret.txt',
      '\\..\\secret.txt',
      '/..\\secret.txt',
      '/%5c..%5csecret.txt',
      secretAbs,
      encodeURI(secretAbs),
      `/${encodeURIComponent(secretAbs)}`,
      `file://${secretAbs}`,
      'http://127.0.0.1/../secret.txt',
      `http://127.0.0.1${secretAbs}`,
      '*',
      `/${'../'.repeat(2000)}secret.txt`,
      '/%',
      '/%zz',
      '/%e0%a4%a',
    ];
    for (const target of targets) {
      const r = await get(target);
      expect(leaks(r), target.slice(0, 80)).toBe(false);
      expect([400, 404], `${target.slice(0, 80)} -> ${r.status}`).toContain(r.status);
    }
    // Very long URLs: the HTTP parser refuses them (431, headers too large) or the file is not found.
    for (const target of [`/${'%2e%2e%2f'.repeat(2000)}secret.txt`, `/${'a'.repeat(100_000)}`, `/${'../'.repeat(40_000)}secret.txt`, `/${'%2e%2e/'.repeat(20_000)}secret.txt`]) {
      const r = await get(target);
      expect(leaks(r)).toBe(false);
      expect([400, 404, 414, 431], `${target.length}-character URL -> ${r.status}`).toContain(r.status);
    }
  });

  it('random request targets built from traversal pieces never leak a file outside the root', async () => {
    const pieces = ['..', '.', '%2e%2e', '%2E%2e', '%2e.', '.%2e', '..%2f', '..%5c', '%2f', '%5c', '\\', '', 'secret.txt', 'root-evil', 'root', 'index.html', 'sub', '%00', '%', '%zz', '?x=../..', '#/../', 'etc', 'passwd', '~', '%c0%ae', '%252e', ';', '%20', '..%00'];
    const served = new Set(Object.values(FILES).map((f) => f.body));
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }), fc.boolean(), async (segments, leadingSlash) => {
        const target = `${leadingSlash ? '/' : ''}${segments.join('/')}`;
        const r = await get(target || '/');
        tried++;
        expect(leaks(r), target).toBe(false);
        expect([200, 400, 404], `${target} -> ${r.status}`).toContain(r.status);
        if (r.status === 200) expect([...served].some((b) => r.raw.includes(b)), target).toBe(true);
      }),
      { numRuns: 250 },
    );
    console.log(`studio server: ${tried} random request targets, none served a file outside the root`);
  });

  it('a symbolic link inside the root that leads out of it is not followed: 404', async () => {
    for (const path of ['/link.txt', '/linked-dir/secret.txt', '/linked-dir/']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.raw, path).not.toContain(SECRET);
      expect(r.raw, path).not.toContain(SIBLING_SECRET);
    }
    expect((await get('/index.html')).status).toBe(200);
  });

  it('fileFor never names a path outside the root, for any URL path', () => {
    const rootAbs = resolve(root);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.constantFrom('..', '%2e%2e', '/', '\\', '%2f', '%5c', 'a', '%00', '%', '.'), { maxLength: 12 }).map((a) => a.join(''))), (path) => {
        const f = fileFor(root, path);
        if (f !== null) expect(f === rootAbs || f.startsWith(rootAbs + sep), `${JSON.stringify(path)} -> ${f}`).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('POST, PUT, DELETE, PATCH and OPTIONS -> 405 with Allow: GET, HEAD; nothing written', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const r = await raw(`${method} /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow, method).toBe('GET, HEAD');
    }
    expect((await get('/index.html')).raw).toContain(FILES['index.html']!.body);
  });

  it('garbage on the socket gets 400, and the server keeps serving', async () => {
    for (const request of ['GARBAGE\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', `GET /${'\u0000'} HTTP/1.1\r\n\r\n`, 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n', '\r\n\r\n\r\n']) {
      const r = await raw(request, true);
      expect(leaks(r)).toBe(false);
      // 0: the server closed without a response (nothing but blank lines was sent).
      expect([400, 404, 405, 505, 0], JSON.stringify(request)).toContain(r.status);
    }
    expect((await get('/')).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------
describe('imported runs (Session.fromFile): data only, refused when malformed or oversized', () => {
  const good = { format: 'autopilot-sim-run', version: 1, environment: { scenario: 'self-deploying', hardware: { kind: 'vm' } }, seed: 3, faults: [], cursor: 0 };
  const refuse = (data: unknown, mentions: RegExp) => {
    let error: unknown;
    try {
      Session.fromFile(data);
    } catch (e) {
      error = e;
    }
    expect(error, `accepted: ${JSON.stringify(data)?.slice(0, 150)}`).toBeInstanceOf(Error);
    expect((error as Error).message, JSON.stringify(data)?.slice(0, 150)).toMatch(mentions);
    return error as Error;
  };

  it('a valid run file round-trips', () => {
    const s = Session.fromFile(good);
    expect(Session.fromFile(JSON.parse(JSON.stringify(s.toFile()))).outcome).toEqual(s.outcome);
  });

  it('refuses the wrong format or version, unknown fields, bad steps, cursors and seeds, with a zod error naming the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /expected object/],
      ['{"format": "autopilot-sim-run"}', /expected object/],
      [[good], /expected object/],
      [{ ...good, format: 'autopilot-sim-runs' }, /format/],
      [{ ...good, version: 2 }, /version/],
      [{ ...good, version: '1' }, /version/],
      [{ ...good, extra: true }, /extra/],
      [{ ...good, faults: [{ step: 1, fault: 'tpm-fails', extra: 1 }] }, /extra/],
      [{ ...good, faults: [{ step: -1, fault: 'tpm-fails' }] }, /step/],
      [{ ...good, faults: [{ step: 1.5, fault: 'tpm-fails' }] }, /step/],
      [{ ...good, faults: [{ step: 10_001, fault: 'tpm-fails' }] }, /step/],
      [{ ...good, faults: [{ step: '1', fault: 'tpm-fails' }] }, /step/],
      [{ ...good, faults: Array.from({ length: 101 }, (_, i) => ({ step: i, fault: 'tpm-fails' })) }, /faults/],
      [{ ...good, faults: [{ step: 1, fault: 'x'.repeat(101) }] }, /fault/],
      [{ ...good, cursor: -1 }, /cursor/],
      [{ ...good, seed: -1 }, /seed/],
      [{ ...good, seed: 2 ** 32 }, /seed/],
      [{ ...good, seed: Number.NaN }, /seed/],
      [{ ...good, name: 'n'.repeat(201) }, /name/],
      [{ ...good, environment: 'process.exit(1)' }, /environment/],
      [{ ...good, environment: { hardware: { tpm: 7 } } }, /tpm/],
      [{ ...good, environment: { hardwear: {} } }, /hardwear/],
      [{ ...good, environment: { apps: Array.from({ length: 501 }, (_, i) => ({ name: `a${i}` })) } }, /apps/],
    ];
    for (const [data, mentions] of cases) {
      const e = refuse(data, mentions);
      expect(e).toBeInstanceOf(ZodError);
    }
  });

  it('refuses a fault that cannot happen, naming the fault and the step', () => {
    // A physical device with TPM 2.0: on the VM of `good` attestation fails anyway, so tpm-fails changes nothing and is not offered.
    const physical = { ...good, environment: { scenario: 'self-deploying' } };
    const trace = Session.fromFile(physical).trace;
    const waiting = trace.find((t) => t.wait === 'tpm.attest')!;
    expect(waiting).toBeDefined();
    refuse({ ...physical, faults: [{ step: 0, fault: 'tpm-fails' }] }, /fault "tpm-fails" cannot happen at step 0/);
    refuse({ ...physical, faults: [{ step: waiting.step, fault: 'no-such-fault' }] }, /fault "no-such-fault" cannot happen at step/);
    refuse({ ...physical, faults: [{ step: 9999, fault: 'tpm-fails' }] }, /cannot happen at step 9999/);
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) refuse({ ...physical, faults: [{ step: waiting.step, fault: id }] }, /cannot happen/);
    // The same fault where it can happen is accepted; on the VM, where it happens anyway, it is not offered.
    const onVm = Session.fromFile(good).trace.find((t) => t.wait === 'tpm.attest')!;
    refuse({ ...good, faults: [{ step: onVm.step, fault: 'tpm-fails' }] }, /fault "tpm-fails" cannot happen at step/);
    expect(Session.fromFile({ ...physical, faults: [{ step: waiting.step, fault: 'tpm-fails' }] }).injections).toHaveLength(1);
  });

  it('refuses a run file with a 10 MB environment', () => {
    refuse({ ...good, environment: { ...good.environment, apps: Array.from({ length: 100_000 }, (_, i) => ({ name: `app ${i} ${'x'.repeat(90)}` })) } }, /apps|at most 256 KB/);
    // 10 MB in fields whose type is right: one string, and a list of strings.
    refuse({ ...good, environment: { ...good.environment, os: { version: 'v'.repeat(10_000_000) } } }, /./);
    refuse({ ...good, environment: { ...good.environment, esp: { selectedApps: Array.from({ length: 1_000_000 }, (_, i) => `app${i}`) } } }, /./);
  });

  it("the studio's own import refuses files and links over 256 KB before parsing them", async () => {
    const big = JSON.stringify({ ...good, environment: { ...good.environment, os: { version: 'v'.repeat(10_000_000) } } });
    await expect(sessionFromFile(new File([big], 'big-run.json'))).rejects.toThrow(/at most 256 KB/);
    expect(() => sessionFromHash(`#run=${'A'.repeat(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 8)}`)).toThrow(/more than 256 KB/);
    expect(() => sessionFromText('{"format": ', 'the file')).toThrow(/is not JSON/);
    expect(() => sessionFromText('{"format": "autopilot-sim-run", "version": 7}', 'the file')).toThrow(/field "version"/);
  });

  it('keys such as __proto__ and constructor, and strings of JavaScript, stay data: nothing runs, nothing is polluted', () => {
    const pwned = () => (globalThis as Record<string, unknown>).__pwned;
    const js = "'); globalThis.__pwned = 1; ('";
    const texts = [
      `{"format": "autopilot-sim-run", "version": 1, "seed": 1, "faults": [], "__proto__": {"polluted": "yes"}, "environment": {}}`,
      `{"format": "autopilot-sim-run", "version": 1, "seed": 1, "faults": [], "environment": {"__proto__": {"polluted": "yes"}}}`,
      `{"format": "autopilot-sim-run", "version": 1, "seed": 1, "faults": [], "environment": {"hardware": {"__proto__": {"polluted": "yes"}}}}`,
      `{"format": "autopilot-sim-run", "version": 1, "seed": 1, "faults": [], "environment": {"constructor": {"prototype": {"polluted": "yes"}}}}`,
      `{"format": "autopilot-sim-run", "version": 1, "seed": 1, "faults": [{"step": 0, "fault": ${JSON.stringify(js)}}], "environment": {}}`,
    ];
    let accepted = 0;
    for (const text of texts) {
      try {
        Session.fromFile(JSON.parse(text));
        accepted++;
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    }
    // Strings of code in every string field: kept exactly, never evaluated.
    const s = Session.fromFile({ ...good, name: js, environment: { ...good.environment, os: { version: '${globalThis.__pwned = 1}' }, esp: { customMessage: '<script>globalThis.__pwned = 1</script>' } } });
    expect(s.name).toBe(js);
    expect(s.toFile().name).toBe(js);
    expect(s.env.esp.customMessage).toBe('<script>globalThis.__pwned = 1</script>');
    expect(pwned()).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(accepted).toBeLessThanOrEqual(texts.length);
  });
});
