// simulate --inspect streams @statelyai/inspect events to a local WebSocket server.
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { run } from '../../src/cli/program.ts';

describe('simulate --inspect', () => {
  it('streams actor, event and snapshot inspection events for the whole run', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as { port: number }).port;
    const messages: Array<{ type: string; snapshot?: { value?: unknown; status?: string } }> = [];
    server.on('connection', (socket) => socket.on('message', (data) => messages.push(JSON.parse(String(data)))));
    const out: string[] = [];
    const code = await run(['simulate', 'failures/self-deploying-vm', '--inspect', `ws://127.0.0.1:${port}`], { out: (s) => out.push(s), err: (s) => out.push(s) });
    await new Promise((r) => setTimeout(r, 300));
    server.close();
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/streamed \d+ inspection events .* ended in failed \(0x800705B4\)/);
    const types = new Set(messages.map((m) => m.type));
    expect(types).toEqual(new Set(['@xstate.actor', '@xstate.event', '@xstate.snapshot']));
    const last = messages.filter((m) => m.type === '@xstate.snapshot').pop()!;
    expect(last.snapshot?.status).toBe('done');
  });

  it('refuses a URL that is not a WebSocket URL, and says when nothing listens', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (s: string) => err.push(s) };
    expect(await run(['simulate', 'self-deploying', '--inspect', 'http://x'], io)).toBe(2);
    expect(err.join('')).toMatch(/expected a WebSocket URL/);
  });
});
