// Checked by `tsc --noEmit` (npm test's type-check): the XState types the published declarations name are those of
// scripts/xstate-types.d.ts (the build points them there), and XState's own must be assignable to them, so that what a
// script gives from XState itself (a machine it built, an inspector's observer, one of the package's machines) is taken.
// A type here that no longer fits XState's fails the type-check; the package test type-checks a consumer that passes them.
import type * as X from 'xstate';
import type * as Published from '../scripts/xstate-types.d.ts';
import type { machines } from '../machines/index.ts';

type Assignable<From, To> = [From] extends [To] ? true : false;
const holds = <T extends true>(): T => true as T;

export const checked = [
  holds<Assignable<X.AnyStateMachine, Published.AnyStateMachine>>(),
  holds<Assignable<X.AnyStateNode, Published.AnyStateNode>>(),
  holds<Assignable<X.AnyMachineSnapshot, Published.AnyMachineSnapshot>>(),
  holds<Assignable<X.InspectionEvent, Published.InspectionEvent>>(),
  // An inspector's observer (@statelyai/inspect's `inspect` is XState's Observer<InspectionEvent>).
  holds<Assignable<X.Observer<X.InspectionEvent>, Published.Observer<Published.InspectionEvent>>>(),
  // Every scenario's machine as the package builds it.
  holds<Assignable<(typeof machines)[keyof typeof machines], Published.AnyStateMachine>>(),
];
