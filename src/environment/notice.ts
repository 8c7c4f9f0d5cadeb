// A lesson's "what to notice": each note names a state of the scenario's machine where the trainer points
// something out. The name is checked, and resolved to the state's full path, when the file is read, so the
// studio's presenter's view and `play` show a note at exactly the steps in its state.
import { STATE_PATHS } from '../catalog/state-paths.ts';
import type { ScenarioId } from '../catalog/vocabulary.ts';
import { closest } from './spelling.ts';

/**
 * Every state's path in the scenario's machine ('deployment.deviceEsp.running.deviceSetup.apps'), parents first: the list
 * `npm run schema` writes from the machines, read here without loading them (every fleet command's main thread loaded the
 * machines and XState through this file, about 30 ms before its first device).
 */
export function statePaths(scenario: ScenarioId): readonly string[] {
  return STATE_PATHS[scenario];
}

/** A name as a note compares it: letters and digits in lower case ('Secure hardware', 'secure-hardware', secureHardware alike). */
const folded = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The full path of the state a note's `at` names: a full path, or the end of exactly one path, each segment a key or
 * its title ('Device ESP' for deviceEsp); else why not, in words for the file's author.
 */
export function noticeState(scenario: ScenarioId, at: string): { path: string } | { problem: string } {
  const paths = statePaths(scenario);
  if (paths.includes(at)) return { path: at };
  const ends = (name: string) => (path: string) => {
    const wanted = name.split('.').map(folded);
    const keys = path.split('.');
    return keys.length >= wanted.length && wanted.every((w, i) => w === folded(keys[keys.length - wanted.length + i]!));
  };
  const matches = paths.filter(ends(at));
  if (matches.length === 1) return { path: matches[0]! };
  if (matches.length > 1) {
    // The shortest end of the first path that names it alone: "provisioning.scripts" names two states of device
    // preparation (deployment's and the Cloud PC's), so two segments are not always enough.
    const keys = matches[0]!.split('.');
    const unique = keys.map((_, i) => keys.slice(i).join('.')).reverse().find((end) => paths.filter(ends(end)).length === 1) ?? matches[0]!;
    return { problem: `"${at}" names several states of ${scenario}: ${matches.join(', ')}; give more of the path (such as ${unique})` };
  }
  const keys = paths.map((p) => p.split('.').pop()!).filter((k, i, all) => all.indexOf(k) === i);
  const near = closest(at.split('.').pop()!, keys);
  return { problem: `expected a state of ${scenario} by its name or key (such as ${keys.slice(1, 5).join(', ')}), got "${at}"${near ? `: did you mean ${near}?` : ''}` };
}

/** Whether a step in state `state` (a leaf's full path) is in the state a note resolved to. */
export function inNoticeState(state: string, path: string): boolean {
  return state === path || state.startsWith(`${path}.`);
}
