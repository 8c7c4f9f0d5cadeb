// Every state's path in a machine, parents first ('deployment.deviceEsp.running.deviceSetup.apps'): what a lesson's
// "what to notice" may name. Written out by `npm run schema` into src/catalog/state-paths.ts, which the scenario loader
// reads, so that reading a file does not load the machines and XState (every fleet command's main thread did).
type StateNodeLike = { states?: Record<string, StateNodeLike> };

export function statePathsOf(machine: unknown): string[] {
  const out: string[] = [];
  const walk = (n: StateNodeLike, prefix: string[]) => {
    for (const [key, child] of Object.entries(n.states ?? {})) {
      const path = [...prefix, key];
      out.push(path.join('.'));
      walk(child, path);
    }
  };
  walk((machine as { root: StateNodeLike }).root, []);
  return out;
}
