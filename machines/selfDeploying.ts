// Self-deploying mode (domain/autopilot.md §2.6): no user and no user ESP; the TPM
// proves the device's identity, and the device ends at the sign-in screen or a kiosk.
import { deployment, ends, initialContext, outputOf } from './setup.ts';
import { frontEnd, selfDeployingBody, withTags } from './flows/bodies.ts';

export const selfDeployingMachine = deployment.createMachine({
  id: 'self-deploying',
  description: 'Windows Autopilot self-deploying mode (Entra join only).',
  context: ({ input }) => initialContext(input, 'self-deploying'),
  initial: 'oobe',
  states: {
    // No user: the OOBE pages a profile does not hide are answered by a person at the device.
    oobe: { ...withTags(frontEnd('clock:unattended'), 'flow:noUser'), onDone: 'deployment' },
    deployment: selfDeployingBody(),
    ...ends('Ready: the Windows sign-in screen for any organisation user, or the kiosk account signed in. No primary user is set.'),
  },
  output: outputOf,
});
