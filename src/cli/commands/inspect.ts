// simulate --inspect: the device on live XState actors, their inspection events streamed
// to a WebSocket in the @statelyai/inspect format (what @xstate/inspect did for XState 4).
//
// Honest and bounded: connecting (with the HTTP upgrade), sending and closing each have a
// time limit; any failure (nothing listening, a peer that never answers, answers the
// upgrade with something else, sends invalid or oversized frames, or hangs up) is one line
// and exit 1. Success is claimed only when the events were accepted: the inspector's
// WebSocket protocol has no acknowledgement, so the proof is a completed close handshake
// after the last frame (the peer's close frame comes after it has read every frame before).
import { WebSocket } from 'ws';
import { runLive } from '../../engine/live.ts';
import type { Environment } from '../../environment/schema.ts';
import { EXIT, UsageError, type Io } from '../io.ts';
import { wrap } from '../../format.ts';

/** Time limits, in milliseconds (tests shorten them). */
export const INSPECT_LIMITS = { connect: 5000, send: 10_000, close: 5000 };
/** The largest frame accepted from the inspector (it has nothing to send us but control frames). */
const MAX_INCOMING = 64 * 1024;

class InspectFailure extends Error {}

export async function inspectRun(io: Io, env: Environment, seed: number, url: string): Promise<number> {
  if (!/^wss?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--inspect: expected a WebSocket URL such as ws://127.0.0.1:8080, got "${url}"`);
  // Run the device first, collecting the events as @statelyai/inspect converts them.
  const { createInspector } = await import('@statelyai/inspect');
  const frames: string[] = [];
  const inspector = createInspector({ send: (e: unknown) => frames.push(stringify(e)), start: () => {}, stop: () => {} } as never);
  const result = runLive(env, { seed, inspect: (e) => inspector.inspect.next?.(e) });
  // The inspector converts each event on a zero-delay timer, in order: one more timer runs after the last.
  await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => setTimeout(r, 1));

  const socket = new WebSocket(url, { handshakeTimeout: INSPECT_LIMITS.connect, maxPayload: MAX_INCOMING, perMessageDeflate: false, followRedirects: false });
  const failed = new Promise<never>((_, reject) => {
    socket.on('unexpected-response', (_req, res) => reject(new InspectFailure(`the server answered the WebSocket upgrade with HTTP ${res.statusCode}, not a WebSocket`)));
    socket.on('error', (e: NodeJS.ErrnoException) => reject(new InspectFailure(describe(e))));
  });
  failed.catch(() => {});
  try {
    await step(
      new Promise<void>((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('close', (code) => reject(new InspectFailure(`the connection closed during the handshake (code ${code})`)));
      }),
      failed,
      INSPECT_LIMITS.connect,
      `could not connect within ${INSPECT_LIMITS.connect / 1000} seconds`,
    );
    const closedEarly = new Promise<never>((_, reject) => socket.once('close', (code) => reject(new InspectFailure(`the inspector closed the connection before all events were accepted (code ${code})`))));
    closedEarly.catch(() => {});
    // Every frame handed to the operating system...
    await step(
      Promise.all(frames.map((f) => new Promise<void>((resolve, reject) => socket.send(f, (e) => (e ? reject(new InspectFailure(describe(e))) : resolve()))))).then(() => {}),
      Promise.race([failed, closedEarly]),
      INSPECT_LIMITS.send,
      `the inspector did not take the ${frames.length} events within ${INSPECT_LIMITS.send / 1000} seconds`,
    );
    // ...then the close handshake: the peer's close frame proves it read all of them.
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.close(1000, 'all events sent');
    const code = await step(closed, failed, INSPECT_LIMITS.close, `the inspector did not complete the close handshake within ${INSPECT_LIMITS.close / 1000} seconds, so the events may not have been received`);
    if (code === 1006) throw new InspectFailure('the inspector dropped the connection without completing the close handshake, so the events may not have been received');
  } catch (e) {
    socket.terminate();
    if (!(e instanceof InspectFailure)) throw e;
    io.err(wrap(`autopilot-sim: --inspect ${url}: ${e.message}`, io.errColumns, 2));
    return EXIT.problem;
  }
  io.out(`streamed ${frames.length} inspection events to ${url}, received (close handshake completed): the device ended in ${result.end}${result.errorCode ? ` (${result.errorCode})` : ''} after ${result.minutes} virtual minutes`);
  return EXIT.ok;
}

/** The step's promise, or the first failure, or a timeout. */
async function step<T>(work: Promise<T>, failure: Promise<never>, ms: number, timeoutMessage: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new InspectFailure(timeoutMessage)), ms)));
  try {
    return await Promise.race([work, failure, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(e: NodeJS.ErrnoException): string {
  if (e.code === 'ECONNREFUSED') return 'could not connect (nothing is listening there: is the inspector\'s WebSocket server running?)';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return `could not connect (unknown host: ${e.code})`;
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return `the connection was dropped (${e.code})`;
  if (/handshake has timed out/i.test(e.message)) return `could not connect within ${INSPECT_LIMITS.connect / 1000} seconds (no WebSocket handshake)`;
  return `${e.code ? `${e.code}: ` : ''}${e.message.split('\n')[0]}`;
}

/** JSON of an inspection event; a reference cycle (none in this project's contexts) becomes "[circular]". */
function stringify(e: unknown): string {
  try {
    return JSON.stringify(e);
  } catch {
    const seen = new WeakSet<object>();
    return JSON.stringify(e, (_k, v: unknown) => {
      if (typeof v === 'bigint') return String(v);
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
  }
}
