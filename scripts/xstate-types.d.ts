// XState's types as the package's declarations name them, in place of XState's own: the build (scripts/build.mjs) copies
// this file to dist/types/xstate.d.ts and points the declarations' type imports from XState here. A consumer
// that checks its libraries' declarations (`"skipLibCheck": false`) checked XState's too, wherever one of ours imported
// it, and XState's fail under `"exactOptionalPropertyTypes": true` (setup.d.ts, TS2344 'does not satisfy the constraint
// StateSchema'), in a program that never touches a machine.
// Each type here is the part of XState's a script reads, so XState's own is assignable to it (test/api-xstate-types.ts
// holds that, against the XState the package depends on): a machine built with XState passes as `machine`, an
// inspector's `inspect` as `inspect`. A script that runs one of `machines` with XState itself casts it:
// `createActor(machines['user-driven'] as AnyStateMachine)`, with XState's AnyStateMachine.

/** A state of an XState v5 machine: its place in the machine, description, tags, meta and child states. */
export interface AnyStateNode {
  readonly id: string;
  readonly key: string;
  readonly path: readonly string[];
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  readonly description?: string | undefined;
  readonly tags: readonly string[];
  readonly meta?: unknown;
  readonly parent?: AnyStateNode | undefined;
  readonly states: { readonly [key: string]: AnyStateNode };
}

/** An XState v5 machine: its id, its states from the root, and its config as written. */
export interface AnyStateMachine {
  readonly id: string;
  readonly root: AnyStateNode;
  readonly states: { readonly [key: string]: AnyStateNode };
  readonly config: object;
  getStateNodeById(stateId: string): AnyStateNode;
}

/** A snapshot of a running XState machine: its state value, status and context. */
export interface AnyMachineSnapshot {
  readonly value: unknown;
  readonly status: 'active' | 'done' | 'error' | 'stopped';
  readonly context: unknown;
  hasTag(tag: string): boolean;
}

/** One of XState's inspection events (`@xstate.actor`, `@xstate.event`, `@xstate.snapshot`, ...), as `@statelyai/inspect` takes them. */
export interface InspectionEvent {
  readonly type: string;
  readonly rootId: string;
}

/** What receives a stream of values, as XState's Observer (an inspector's `inspect`). Methods, so that an observer of XState's fuller events is one too. */
export interface Observer<T> {
  next?(value: T): void;
  error?(err: unknown): void;
  complete?(): void;
}
