// The shared vocabulary of every deployment machine: input, context, guards,
// actions and delays, declared once with XState's setup(). Machines are pure:
// no randomness, no clock, no I/O; whatever varies comes from the world as events.
import { assign, setup } from 'xstate';
import type { ErrorId } from '../src/catalog/errors.ts';
import type { DeploymentEvent, ProfileMode } from './events.ts';
import { HYBRID_ESP_EXTRA_MINUTES, PHASE_ORDER, PHASES, type End, type MachinePhase, type StateMeta } from '../src/catalog/vocabulary.ts';

export { SCENARIO_IDS, type ScenarioId, type StateMeta } from '../src/catalog/vocabulary.ts';
export type JoinType = 'entra' | 'hybrid';

/** Whether the user ESP (account setup) runs: the ESP shown and SkipUserStatusPage not set (§2.1 fork). */
export function userEspRuns(context: { esp: { enabled: boolean; skipUserStatusPage: boolean } }): boolean {
  return context.esp.enabled && !context.esp.skipUserStatusPage;
}

/** Facts fixed before the run, that shape the flow (the world answers the rest). */
export interface DeploymentInput {
  joinType: JoinType;
  esp: {
    enabled: boolean;
    timeoutMinutes: number;
    allowReset: boolean;
    allowContinueAnyway: boolean;
    /** "Turn on log collection and diagnostics page for end users": Collect logs on the error page (§3.2, §1.4). */
    collectLogs: boolean;
    blockDeviceUse: boolean;
    installQualityUpdates: boolean;
    skipUserStatusPage: boolean;
    /** SkipDeviceStatusPage (§3.3): the device ESP is not shown (the technician's too, unless preProvisioningEspRequired). */
    skipDeviceStatusPage: boolean;
  };
  windows11: boolean;
  metered: boolean;
  /** The pre-provisioning user flow's connection is metered (§2.4: it may run on another network than the technician's). */
  userFlowMetered: boolean;
  skipAdConnectivityCheck: boolean;
  kioskAutologon: boolean;
  resetKind: 'local' | 'remote';
  /** §10 #1, the older reading: a hybrid technician flow needs a domain controller. */
  technicianFlowNeedsDc: boolean;
  /**
   * §2.3 forks, §8 W25: the older reading (KB4535996, 2020), where pre-provisioning marks the ESP as required to show, so the
   * technician's device ESP shows whatever the profile says; the newest (pre-provision.md, 2024) shows it only as configured.
   */
  preProvisioningEspRequired: boolean;
  speedUpTaskSequence: boolean;
  taskSequenceEndsWithShutdown: boolean;
  /** Autopilot device preparation (domain §7): the policy that applies to this user or Cloud PC. */
  devicePreparation: {
    /** Windows 365 automatic mode: the Cloud PC agent, no user at the device. */
    automatic: boolean;
    /** "Minutes allowed before showing installation error", 15-720, over the whole deployment. */
    timeoutMinutes: number;
    /** "Allow users to skip setup after multiple attempts": Continue anyway beside Retry. */
    allowSkip: boolean;
    /** "Required setup complete" moves on by itself instead of waiting for Continue. */
    continueAutomatically: boolean;
    /** Windows 365: a failed or timed-out deployment leaves the Cloud PC Failed (no access) instead of Provisioned with warnings. */
    denyAccessOnFailure: boolean;
  };
}

export interface DeploymentContext extends DeploymentInput {
  /** The follow-on mode (existing devices resolves it when the profile arrives). */
  mode: ProfileMode;
  errorCode: ErrorId | null;
  continuedAfterError: boolean;
  /** A restart in device setup or after quality updates: no automatic sign-in follows (§2.1 U6a, U7). */
  credentialsLost: boolean;
  /** Device preparation: no Autopilot profile was downloaded at OOBE (classic Autopilot does not take the device). */
  noProfile: boolean;
  /** Device preparation: the user has pressed Retry at least once (a flag, not a count, so the model stays finite). */
  retried: boolean;
}

export interface DeploymentOutput {
  errorCode: ErrorId | null;
  continuedAfterError: boolean;
}

const BASE_TAGS = [
  'userInteraction', 'technicianInteraction', 'adminAction', 'tpmAttestation', 'userAuthentication', 'userAssignment',
  'mdmEnrollment', 'entraJoin', 'hybridJoin', 'domainController', 'esp:devicePreparation', 'esp:deviceSetup', 'esp:accountSetup',
  'errorPage', 'clock:user', 'clock:technician', 'clock:unattended', 'clock:idle', 'flow:technician', 'flow:user', 'flow:noUser',
] as const;
/** A state's phase tag: one of the machine phases of src/catalog/vocabulary.ts. */
export type PhaseTag = `phase:${MachinePhase}`;
export type Tag = (typeof BASE_TAGS)[number] | PhaseTag;
export const TAGS: readonly Tag[] = [...BASE_TAGS, ...PHASE_ORDER.filter((p): p is MachinePhase => PHASES[p].machine).map((p): PhaseTag => `phase:${p}`)];

const minutes = (n: number) => n * 60_000;

export const deployment = setup({
  types: {
    input: {} as DeploymentInput,
    context: {} as DeploymentContext,
    events: {} as DeploymentEvent,
    output: {} as DeploymentOutput,
    tags: {} as Tag,
    meta: {} as StateMeta,
  },
  guards: {
    isHybrid: ({ context }) => context.joinType === 'hybrid',
    espShown: ({ context }) => context.esp.enabled,
    deviceStatusPageShown: ({ context }) => context.esp.enabled && !context.esp.skipDeviceStatusPage,
    /** The technician's device ESP: as configured (2024), or always, required to show (KB4535996, 2020). */
    technicianEspShown: ({ context }) => context.preProvisioningEspRequired || (context.esp.enabled && !context.esp.skipDeviceStatusPage),
    skipsAdConnectivityCheck: ({ context }) => context.skipAdConnectivityCheck,
    /**
     * Windows 11, ESP on, "Install Windows quality updates" = Yes, not metered, block device use (§3.2). The updates come at the
     * end of the device ESP, after its update rings: with the device ESP skipped (SkipDeviceStatusPage) there is none [INF].
     */
    qualityUpdatesApply: ({ context }) =>
      context.windows11 && context.esp.enabled && !context.esp.skipDeviceStatusPage && context.esp.installQualityUpdates && context.esp.blockDeviceUse && !context.metered,
    /** The same in a pre-provisioned device's user flow (§2.4 P5), on the user's network, which may be metered where the technician's was not. */
    qualityUpdatesApplyInUserFlow: ({ context }) =>
      context.windows11 && context.esp.enabled && !context.esp.skipDeviceStatusPage && context.esp.installQualityUpdates && context.esp.blockDeviceUse && !context.userFlowMetered,
    userEspRuns: ({ context }) => userEspRuns(context),
    espAllowsReset: ({ context }) => context.esp.allowReset,
    espAllowsContinue: ({ context }) => context.esp.allowContinueAnyway,
    espAllowsLogCollection: ({ context }) => context.esp.collectLogs,
    credentialsLost: ({ context }) => context.credentialsLost,
    kioskAutologon: ({ context }) => context.kioskAutologon,
    isLocalReset: ({ context }) => context.resetKind === 'local',
    technicianNeedsDc: ({ context }) => context.joinType === 'hybrid' && context.technicianFlowNeedsDc,
    speedUpTaskSequence: ({ context }) => context.speedUpTaskSequence,
    endsWithShutdown: ({ context }) => context.taskSequenceEndsWithShutdown,
    modeIs: ({ context }, params: { mode: ProfileMode }) => context.mode === params.mode,
    noAutopilotProfile: ({ context }) => context.noProfile,
    automaticMode: ({ context }) => context.devicePreparation.automatic,
    continuesAutomatically: ({ context }) => context.devicePreparation.continueAutomatically,
    /** Continue anyway appears once the user has retried at least once ("after multiple attempts"; the count is not documented). */
    mayContinueAnyway: ({ context }) => context.devicePreparation.allowSkip && context.retried,
    cloudPcAccessDenied: ({ context }) => context.devicePreparation.denyAccessOnFailure,
  },
  actions: {
    recordFailure: assign({ errorCode: ({ context, event }) => context.errorCode ?? ('code' in event ? event.code : null) }),
    recordError: assign({ errorCode: ({ context }, params: { code: ErrorId }) => context.errorCode ?? params.code }),
    markContinued: assign({ continuedAfterError: () => true }),
    markCredentialsLost: assign({ credentialsLost: () => true }),
    clearCredentialsLost: assign({ credentialsLost: () => false }),
    markNoProfile: assign({ noProfile: () => true }),
    markRetried: assign({ retried: () => true }),
    applyProfile: assign({
      joinType: ({ context, event }) => ('joinType' in event ? event.joinType : undefined) ?? context.joinType,
      mode: ({ context, event }) => ('mode' in event ? event.mode : undefined) ?? context.mode,
    }),
  },
  delays: {
    /** Device ESP: the configured timeout, + 40 min for hybrid (domain §3.2, §9.1). */
    espDeviceTimeout: ({ context }) => minutes(context.esp.timeoutMinutes + (context.joinType === 'hybrid' ? HYBRID_ESP_EXTRA_MINUTES : 0)),
    /** User ESP: its own timer of N minutes (§10 #11, [INF]). */
    espUserTimeout: ({ context }) => minutes(context.esp.timeoutMinutes),
    /** Device preparation: one timer over the whole deployment (§7, 15-720 min). */
    devicePreparationTimeout: ({ context }) => minutes(context.devicePreparation.timeoutMinutes),
  },
});

type MachineConfig = Parameters<typeof deployment.createMachine>[0];
/** The config of one state node, for flows that build pieces of a machine. */
export type StateConfig = NonNullable<MachineConfig['states']>[string];
export type States = Record<string, StateConfig>;

export function initialContext(input: DeploymentInput, mode: ProfileMode): DeploymentContext {
  return { ...input, mode, errorCode: null, continuedAfterError: false, credentialsLost: false, noProfile: false, retried: false };
}

/** What a finished machine reports (its context holds no time: the engine adds the clock). */
export function outputOf({ context }: { context: DeploymentContext }): DeploymentOutput {
  return { errorCode: context.errorCode, continuedAfterError: context.continuedAfterError };
}

/**
 * What a failure's row in the deployments report carries: a code only where Microsoft documents one (0x800705B4); the
 * simulator's own names for failures it documents none for (ESP_TIMEOUT, DOMAIN_UNAVAILABLE) are no code the report shows,
 * as What Intune records says in the studio.
 */
export const REPORTED_CODE = 'with an error code only where Microsoft documents one';

/** The three ends every deployment machine shares (src/catalog/vocabulary.ts ENDS); ids are global within a machine. */
/** `standardOobe`: what ordinary OOBE means where the scenario says it otherwise (device preparation: no policy delivered, §7). */
export function ends(success: string, options: { fallback?: boolean; failed?: string; successIfHybrid?: string; standardOobe?: string } = {}): States {
  const fallback = {
    standardOobe: {
      id: 'standardOobe',
      type: 'final',
      description: options.standardOobe ?? 'No Autopilot profile applies, so Windows runs ordinary OOBE (IsAutopilotDisabled=1). The device is not managed.',
      meta: { screen: 'standardOobe', doc: 'https://learn.microsoft.com/autopilot/troubleshoot-oobe' },
    },
  } satisfies Partial<Record<End, StateConfig>>;
  return {
    succeeded: {
      id: 'succeeded',
      type: 'final',
      description: success,
      ...(options.successIfHybrid ? { meta: { narrationIfHybrid: options.successIfHybrid } } : {}),
    },
    failed: {
      id: 'failed',
      type: 'final',
      description: options.failed ?? `The deployment failed. If the device enrolled, the deployments report records it as failed, ${REPORTED_CODE}.`,
    },
    ...(options.fallback === false ? {} : fallback),
  } satisfies Partial<Record<End, StateConfig>>;
}
