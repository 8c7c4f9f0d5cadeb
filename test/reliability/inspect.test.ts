// Reliability: `simulate --inspect` is honest and bounded. Against every kind of peer that
// fails (nothing listening, a peer that never answers, one that answers the upgrade with
// HTML, sends an invalid frame, announces a huge frame, completes the handshake and hangs
// up, or never answers the close), it ends within its time limits with one line and exit 1.
// It claims success only when the close handshake completed after the last frame, and then
// the peer has every event. All servers bind 127.0.0.1.
import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { INSPECT_LIMITS } from '../../src/cli/commands/inspect.ts';
import { cli, processRun } from '../helpers/cli.ts';

const servers: Array<{ close: () => void }> = [];
const sockets: Socket[] = [];
const saved = { ...INSPECT_LIMITS };
beforeAll(() => Object.assign(INSPECT_LIMITS, { connect: 1500, send: 2000, close: 1500 }));
afterAll(() => {
  Object.assign(INSPECT_LIMITS, saved);
  sockets.forEach((s) => s.destroy());
  servers.forEach((s) => s.close());
});

/** A raw TCP server on 127.0.0.1 that does what `onConnection` says; its ws:// URL. */
async function rawServer(onConnection: (socket: Socket, request: string) => void): Promise<string> {
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    let head = '';
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData);
        onConnection(socket, head);
      }
    };
    socket.on('data', onData);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** The server's half of the WebSocket handshake for a request. */
function accept(request: string): string {
  const key = /sec-websocket-key: *(\S+)/i.exec(request)![1]!;
  const digest = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${digest}\r\n\r\n`;
}

async function inspect(url: string) {
  const t = Date.now();
  const r = await cli('simulate', 'failures/self-deploying-vm', '--inspect', url);
  return { ...r, ms: Date.now() - t };
}

/**
 * The limits are 1.5 s + 2 s + 1.5 s here. A hang would never end: this bound only tells a
 * hang from a slow, busy machine (it includes running the device on live actors).
 */
const BOUND_MS = 40_000;

function expectFailure(r: { code: number; out: string; err: string; ms: number }, message: RegExp): void {
  expect(r.code, r.err).toBe(1);
  expect(r.out).toBe('');
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/streamed/);
  expect(r.ms).toBeLessThan(BOUND_MS);
}

describe('simulate --inspect against peers that fail', { timeout: 60_000 }, () => {
  it('nothing listening: exit 1 at once, one line (the process does not keep retrying)', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    expectFailure(await inspect(`ws://127.0.0.1:${port}`), /could not connect \(nothing is listening there/);
    // The real process ends too (it used to print its error and keep retrying forever).
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([processRun(['simulate', 'self-deploying', '--inspect', `ws://127.0.0.1:${port}`]), new Promise<null>((r) => (timer = setTimeout(() => r(null), 90_000)))]);
    clearTimeout(timer);
    expect(ended, 'the process ended').not.toBeNull();
    expect(ended!.code).toBe(1);
    expect(ended!.err.trim().split('\n')).toHaveLength(1);
  }, 150_000);

  it('a peer that accepts the connection and never answers: exit 1 after the connect limit', async () => {
    const url = await rawServer(() => {});
    expectFailure(await inspect(url), /could not connect within/);
  });

  it('a peer that answers the upgrade with an HTML page: exit 1', async () => {
    const url = await rawServer((s) => s.end('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>'));
    expectFailure(await inspect(url), /answered the WebSocket upgrade with HTTP 200/);
  });

  it('a peer that sends an invalid frame after the handshake: exit 1', async () => {
    const url = await rawServer((s, req) => s.write(Buffer.concat([Buffer.from(accept(req), 'latin1'), Buffer.from([0xff, 0xff, 0xff, 0xff])])));
    expectFailure(await inspect(url), /Invalid WebSocket frame|RSV|opcode/i);
  });

  it('a peer that announces a huge frame and sends nothing more: exit 1', async () => {
    // A binary frame, unmasked, 64-bit length 2^40, no payload.
    const header = Buffer.from([0x82, 0x7f, 0, 0, 0x01, 0, 0, 0, 0, 0]);
    const url = await rawServer((s, req) => s.write(Buffer.concat([Buffer.from(accept(req), 'latin1'), header])));
    expectFailure(await inspect(url), /Max payload size exceeded|payload/i);
  });

  it('a peer that completes the handshake and hangs up: exit 1, no "streamed" (the false success)', async () => {
    const url = await rawServer((s, req) => s.end(accept(req)));
    expectFailure(await inspect(url), /closed the connection before all events were accepted|dropped|close handshake|ECONNRESET|EPIPE/);
  });

  it('a peer that completes the handshake, reads everything and never answers the close: exit 1', async () => {
    const url = await rawServer((s, req) => {
      s.write(accept(req));
      s.resume(); // reads and discards, never sends a close frame
    });
    expectFailure(await inspect(url), /did not complete the close handshake/);
  });

  it('a peer that completes the handshake and never reads: exit 1 once the socket buffers are full or the close goes unanswered', async () => {
    const url = await rawServer((s, req) => {
      s.write(accept(req));
      s.pause();
    });
    expectFailure(await inspect(url), /did not take the \d+ events|did not complete the close handshake/);
  });
});

describe('simulate --inspect against a working inspector', () => {
  it('claims success only after the close handshake, and the peer has received every event by then', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    let received = 0;
    let closedWith: number | null = null;
    server.on('connection', (socket) => {
      socket.on('message', () => received++);
      socket.on('close', (code) => (closedWith = code));
    });
    const r = await inspect(`ws://127.0.0.1:${port}`);
    expect(r.code, r.err).toBe(0);
    const sent = Number(/streamed (\d+) inspection events/.exec(r.out)![1]);
    expect(sent).toBeGreaterThan(10);
    // At the moment the command returned, the server had every event and the close.
    expect(received).toBe(sent);
    expect(closedWith).toBe(1000);
  });
});
