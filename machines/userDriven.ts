// User-driven mode (domain/autopilot.md §2.1 Entra join, §2.2 hybrid join): the user
// turns the device on, signs in, and waits through the device ESP and the user ESP.
import { deployment, ends, initialContext, outputOf } from './setup.ts';
import { frontEnd, userDrivenBody } from './flows/bodies.ts';

export const userDrivenMachine = deployment.createMachine({
  id: 'user-driven',
  description: 'Windows Autopilot user-driven mode, Entra join or hybrid join.',
  context: ({ input }) => initialContext(input, 'user-driven'),
  initial: 'oobe',
  states: {
    oobe: { ...frontEnd('clock:user'), onDone: 'deployment' },
    deployment: userDrivenBody(),
    ...ends('The desktop: the user is signed in and the enrolling user is the primary user.'),
  },
  output: outputOf,
});
