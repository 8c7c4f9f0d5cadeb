// Lays out statecharts off the main thread: ELK takes up to a second on the larger machines.
// What ELK placed is kept in the browser's Cache Storage by the graph laid out (its measured
// labels included): a page load, a reload or the presenter's second window draws a chart this
// browser has drawn before without loading ELK at all.
import { machines } from '../../../machines/index.ts';
import type { JoinType, ScenarioId } from '../../../machines/setup.ts';
import { layoutMachine, type Placement, type PlacementStore } from '../layout.ts';
import { browserMeasure } from './measure.ts';

export interface LayoutRequest {
  id: number;
  scenario: ScenarioId;
  collapsed: string[];
  join?: JoinType;
}

const scope = self as unknown as {
  postMessage(data: unknown): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<LayoutRequest>) => void): void;
};

const measure = browserMeasure();
const store = cacheStore();

scope.addEventListener('message', (e) => {
  const { id, scenario, collapsed, join } = e.data;
  layoutMachine(machines[scenario], { collapsed, ...(join ? { join } : {}), ...(measure ? { measure } : {}), ...(store ? { store } : {}) })
    .then((layout) => scope.postMessage({ id, layout }))
    .catch((err: unknown) => scope.postMessage({ id, error: String((err as Error)?.message ?? err) }));
});

/** Placements in Cache Storage (none where it is missing or refused, as from a file: ELK lays out every time). */
function cacheStore(): PlacementStore | undefined {
  if (typeof caches === 'undefined') return undefined;
  const cache = caches.open('autopilot-sim-chart-placements').catch(() => undefined);
  const url = (key: string) => new URL(`chart-placements/${key}.json`, self.location.href).href;
  return {
    async get(key) {
      try {
        const kept = (await (await (await cache)?.match(url(key)))?.json()) as Placement | undefined;
        return kept && typeof kept.width === 'number' && kept.nodes && kept.edges ? kept : undefined;
      } catch {
        return undefined;
      }
    },
    put(key, placement) {
      cache.then((c) => c?.put(url(key), new Response(JSON.stringify(placement), { headers: { 'content-type': 'application/json' } }))).catch(() => undefined);
    },
  };
}
