// simulate --inspect: the device on live XState actors, their inspection events streamed
// to a WebSocket in the @statelyai/inspect format (what @xstate/inspect did for XState 4).
import { runLive } from '../../engine/live.ts';
import type { Environment } from '../../environment/schema.ts';
import { EXIT, UsageError, type Io } from '../program.ts';

export async function inspectRun(io: Io, env: Environment, seed: number, url: string): Promise<number> {
  if (!/^wss?:\/\/[^\s/]+/.test(url)) throw new UsageError(`--inspect: expected a WebSocket URL such as ws://127.0.0.1:8080, got "${url}"`);
  const { createWebSocketInspector } = await import('@statelyai/inspect');
  const inspector = createWebSocketInspector({ url, autoStart: false });
  const adapter = inspector.adapter as unknown as { status: string; ws?: { bufferedAmount?: number; close(): void }; send(e: unknown): void };
  // The inspector converts events on idle callbacks: count what reaches the socket, to know when all is sent.
  let sent = 0;
  const send = adapter.send.bind(adapter);
  adapter.send = (e) => {
    sent++;
    send(e);
  };
  inspector.start();
  const opened = await waitFor(() => adapter.status === 'open', 5000);
  if (!opened) {
    inspector.stop();
    io.err(`autopilot-sim: could not connect to ${url} within 5 seconds (is the inspector's WebSocket server running?)`);
    return EXIT.problem;
  }
  let events = 0;
  const result = runLive(env, {
    seed,
    inspect: (e) => {
      events++;
      inspector.inspect.next?.(e);
    },
  });
  await waitFor(() => sent >= events, 10_000);
  await waitFor(() => (adapter.ws?.bufferedAmount ?? 0) === 0, 5000);
  inspector.stop();
  io.out(`streamed ${sent} inspection events to ${url}: the device ended in ${result.end}${result.errorCode ? ` (${result.errorCode})` : ''} after ${result.minutes} virtual minutes`);
  return EXIT.ok;
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}
