// Pre-provisioning, formerly white glove (domain/autopilot.md §2.3-§2.5): a technician
// flow with TPM attestation and the device ESP, reseal, then the user flow.
import { deployment, ends, initialContext, outputOf, REPORTED_CODE } from './setup.ts';
import { frontEnd, preProvisionedBody, withTags } from './flows/bodies.ts';

export const preProvisionedMachine = deployment.createMachine({
  id: 'pre-provisioned',
  description: 'Windows Autopilot for pre-provisioned deployment, Entra join or hybrid join.',
  context: ({ input }) => initialContext(input, 'pre-provisioned'),
  initial: 'oobe',
  states: {
    // §2.3 T1: the front end is the technician flow's first step.
    oobe: { ...withTags(frontEnd('clock:technician', { stopAtFirstPage: true }), 'flow:technician'), id: 'technicianOobe', onDone: 'deployment' },
    deployment: preProvisionedBody('technicianOobe'),
    ...ends('The desktop after the user flow: the user is signed in and is the primary user.', {
      // §1.4: the deployments report records only new Intune enrollments; the technician's flow made this device's.
      failed: `The deployment failed. A failure in the technician flow is recorded as failed in the Autopilot deployments report if the device enrolled, ${REPORTED_CODE}; one in the user flow is not, as the report records only new Intune enrollments and the technician flow enrolled the device.`,
    }),
  },
  output: outputOf,
});
