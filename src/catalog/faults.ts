// The faults a trainer can inject, by id: the vocabulary a lesson's suggestedFaults, `play --inject` and f, and a
// Session's inject() use. Each is a failure mode's injection in src/world/failure-modes.ts (its type checks the id is
// here, and test/contract/failure-modes.test.ts that every id here has one); here so that loading a lesson file
// (src/environment/load.ts) can tell a mistyped id without reaching into the world.
export const FAULT_IDS = [
  'no-internet', 'wifi-no-internet', 'not-registered', 'no-profile', 'autopilot-blocked', 'profile-deleted',
  'tenant-mismatch', 'idp-blocked', 'wrong-password', 'smart-card', 'device-cap', 'no-licence', 'mdm-blocked',
  'cloud-pc-mdm-blocked', 'mdm-scope', 'home-edition', 'ca-blocks-enrollment', 'account-not-allowed',
  'already-enrolled', 'machine-enrolled', 'connector-down', 'ou-rights', 'dc-unreachable', 'no-dc-at-logon',
  'asked-for-credentials', 'autologon-fails', 'tpm-fails', 'tpm-intermittent', 'clock-skew', 'tpm-vulnerable',
  'attestation-after-reset', 'tpm-not-2', 'object-deleted', 'second-deployment', 'preprov-not-allowed', 'multiple-mdm',
  'vm-too-small', 'logon-policy-conflict', 'ime-install-fails', 'applocker-reboot', 'app-fails', 'win32-msi',
  'policy-app-fails', 'app-hangs', 'policy-app-hangs', 'identifying-hang', 'kiosk-autologon-broken', 'no-configmgr',
  'reset-not-enabled', 'winre-missing', 'recovery-not-found', 'hybrid-device', 'not-enrolled', 'no-check-in',
  'sync-blocked', 'os-corrupted', 'uefi-lock', 'no-policy-for-user', 'os-too-old', 'group-owner-missing',
  'local-admin-conflict', 'policy-script-fails', 'stuck-at-100',
] as const;

export type FaultId = (typeof FAULT_IDS)[number];
