// The studio window and the presenter's view stay in step over a BroadcastChannel (same
// origin, no server round trip): the studio sends its run and cursor after every change and
// whenever a view says hello; the view sends back what the trainer does there (step, back,
// choose, inject), which the studio applies as if pressed on its own page.
import { useEffect, useRef } from 'preact/hooks';
import type { RunFile } from '../../engine/session.ts';
import { useLatest } from './hooks.ts';

const NAME = 'autopilot-sim-studio';

export interface StudioState {
  file: RunFile;
  /** The bundled file the run came from (its lesson), if any. */
  path: string | null;
  title: string;
  cursor: number;
  /** Bumped when the run itself changes (a fault, a choice). */
  version: number;
  /** The class's screen is black (b or .). */
  blank: boolean;
  presenter: boolean;
  /** The class's screen shows the lesson's opening (its questions) before step 0. */
  opening?: boolean;
}

export type Command =
  /** page: the clicker's Page Down or Page Up, which first pages through a narration cut on the class's screen. */
  | { kind: 'step'; page?: boolean }
  | { kind: 'back'; page?: boolean }
  | { kind: 'seek'; cursor: number }
  | { kind: 'inject'; id: string }
  /** Black the class's screen, or show it again. */
  | { kind: 'blank' }
  /** Presenter mode on or off (a clicker's F5 and Esc). */
  | { kind: 'present'; on: boolean };

type Message = { type: 'state'; state: StudioState } | { type: 'hello' } | { type: 'command'; command: Command };

function channel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(NAME);
}

/** The studio's side: publish the run, apply the view's commands. */
export function useStudioChannel({ state, onCommand }: { state: StudioState; onCommand: (c: Command) => void }): void {
  const ch = useRef<BroadcastChannel | null>(null);
  const latest = useLatest({ state, onCommand });
  useEffect(() => {
    const c = channel();
    ch.current = c;
    if (!c) return;
    c.onmessage = (e: MessageEvent<Message>) => {
      if (e.data?.type === 'hello') c.postMessage({ type: 'state', state: latest.current.state } satisfies Message);
      else if (e.data?.type === 'command') latest.current.onCommand(e.data.command);
    };
    return () => c.close();
  }, []);
  const key = `${state.cursor}|${state.version}|${state.title}|${JSON.stringify(state.file.faults)}|${state.file.seed}|${state.path}|${state.blank}|${state.presenter}|${state.opening}`;
  useEffect(() => {
    ch.current?.postMessage({ type: 'state', state } satisfies Message);
  }, [key]);
}

/** The view's side: the studio's latest state, and a way to send it commands. */
export function useViewChannel(onState: (s: StudioState) => void): (c: Command) => void {
  const ch = useRef<BroadcastChannel | null>(null);
  const latest = useLatest(onState);
  useEffect(() => {
    const c = channel();
    ch.current = c;
    if (!c) return;
    c.onmessage = (e: MessageEvent<Message>) => {
      if (e.data?.type === 'state') latest.current(e.data.state);
    };
    c.postMessage({ type: 'hello' } satisfies Message);
    return () => c.close();
  }, []);
  return (command: Command) => ch.current?.postMessage({ type: 'command', command } satisfies Message);
}

export const NOTES_QUERY = 'view=notes';

/** Open the presenter's view in its own window (for the trainer's laptop screen). */
export function openNotesWindow(): Window | null {
  return window.open(`${location.pathname}?${NOTES_QUERY}`, 'autopilot-sim-notes', 'popup,width=1100,height=760');
}
