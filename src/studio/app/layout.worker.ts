// Lays out statecharts off the main thread: ELK takes up to a second on the larger machines.
import { machines } from '../../../machines/index.ts';
import type { ScenarioId } from '../../../machines/setup.ts';
import { layoutMachine } from '../layout.ts';
import { browserMeasure } from './measure.ts';

export interface LayoutRequest {
  id: number;
  scenario: ScenarioId;
  collapsed: string[];
}

const scope = self as unknown as {
  onmessage: unknown;
  postMessage(data: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LayoutRequest>) => void): void;
};

// elk.bundled.js, evaluated inside a worker, takes over `onmessage` to act as ELK's own worker;
// load it first and take the handler back, so only this module answers.
const ready = import('elkjs/lib/elk.bundled.js').then(() => {
  scope.onmessage = null;
});

const measure = browserMeasure();

scope.addEventListener('message', (e) => {
  const { id, scenario, collapsed } = e.data;
  ready
    .then(() => layoutMachine(machines[scenario], { collapsed, ...(measure ? { measure } : {}) }))
    .then((layout) => scope.postMessage({ id, layout }))
    .catch((err: unknown) => scope.postMessage({ id, error: String((err as Error)?.message ?? err) }));
});
