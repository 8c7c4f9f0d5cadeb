// The clocks an outcome reports. Apart from src/engine/transitions.ts (XState), so that what
// only reads outcomes (fleet statistics on the thread that merges them) does not load XState.

/** The clocks an outcome reports, by index (Node.clockIndex): end user, technician, unattended. */
export const CLOCKS = ['user', 'technician', 'unattended'] as const;
