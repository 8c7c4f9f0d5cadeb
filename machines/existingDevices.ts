// Autopilot for existing devices (domain/autopilot.md §2.7): a Configuration Manager
// task sequence reimages the device and stages AutopilotConfigurationFile.json; the next
// OOBE runs the deployment the profile names, the cloud profile winning when one is assigned.
import { deployment, ends, initialContext, outputOf, type StateConfig } from './setup.ts';
import type { Wait } from '../src/catalog/vocabulary.ts';
import { frontEnd, preProvisionedBody, selfDeployingBody, userDrivenBody } from './flows/bodies.ts';

const TS_DOC = 'https://learn.microsoft.com/autopilot/tutorial/existing-devices/create-autopilot-task-sequence';
const step = (waits: Wait & `ts.${string}`, description: string, next: string): StateConfig => ({
  description,
  meta: { waits, screen: 'taskSequence', doc: TS_DOC },
  on: { 'ts.stepCompleted': next },
});

export const existingDevicesMachine = deployment.createMachine({
  id: 'existing-devices',
  description: 'Windows Autopilot for existing devices: a ConfigMgr task sequence, then the Autopilot deployment its JSON (or the cloud profile) names.',
  context: ({ input }) => initialContext(input, 'user-driven'),
  initial: 'taskSequence',
  states: {
    taskSequence: {
      description: 'The "Deploy Windows Autopilot for existing devices" task sequence, run by Configuration Manager.',
      // Unattended once deployed (§2.7): only the admin's deployment is a person's time.
      tags: ['clock:unattended', 'phase:taskSequence'],
      initial: 'deployTaskSequence',
      states: {
        deployTaskSequence: {
          description: 'An admin deploys the task sequence to the device from Configuration Manager.',
          tags: ['adminAction', 'clock:technician'],
          meta: { waits: 'admin.deployTaskSequence', screen: 'desktop', doc: 'https://learn.microsoft.com/autopilot/existing-devices' },
          on: {
            'admin.taskSequenceDeployed': 'winPe',
            'ts.failed': { target: '#failed', actions: 'recordFailure' },
          },
        },
        winPe: step('ts.winPe', 'Windows PE starts; the disk is formatted and partitioned.', 'applyOs'),
        applyOs: step('ts.applyOs', 'The OS image is applied, unattend.xml is created and AutopilotConfigurationFile.json is injected into the offline OS.', 'afterApplyOs'),
        afterApplyOs: { always: [{ guard: 'speedUpTaskSequence', target: 'deleteUnattend' }, { target: 'setupFirstBoot' }] },
        deleteUnattend: step('ts.deleteUnattend', 'Speed-up variant: unattend.xml is deleted in WinPE, before the first boot, so Setup processes the JSON on that boot (about 20 minutes saved).', 'finish'),
        setupFirstBoot: step('ts.setupFirstBoot', 'First boot: Windows Setup processes unattend.xml and ignores the JSON; the task sequence resumes and deletes unattend.xml.', 'configMgrTasks'),
        configMgrTasks: step('ts.configMgrTasks', 'The ConfigMgr client is installed, extra tasks run (apps, updates, BitLocker), and the client is uninstalled. The device is in a workgroup.', 'sysprep'),
        sysprep: step('ts.sysprep', 'Sysprep /oobe prepares the next OOBE. The default "Prepare Windows for Capture" step would run /generalize and delete the JSON.', 'finish'),
        finish: {
          description: 'The task sequence completes: restart begins OOBE at once; shutdown hands the device to its user.',
          always: [{ guard: 'endsWithShutdown', target: 'handedOver' }, { target: 'setupWithJson' }],
        },
        handedOver: {
          description: 'Shut down and handed over; the user turns it on.',
          tags: ['clock:idle', 'phase:handover'],
          meta: { waits: 'user.powerOn', screen: 'off' },
          on: { 'user.poweredOn': 'setupWithJson' },
        },
        setupWithJson: step('ts.setupWithJson', 'Windows Setup runs (again, or for the first time in the speed-up variant) and processes AutopilotConfigurationFile.json before OOBE (§2.7 step 14).', '#existingOobe'),
      },
    },
    oobe: { ...frontEnd('clock:user', { acceptsJson: true }), id: 'existingOobe', onDone: 'followOn' },
    followOn: {
      description: 'The deployment the profile names: the cloud profile when the device is registered with one assigned, otherwise the JSON (user-driven only).',
      always: [
        { guard: { type: 'modeIs', params: { mode: 'self-deploying' } }, target: 'selfDeploying' },
        { guard: { type: 'modeIs', params: { mode: 'pre-provisioned' } }, target: 'preProvisioned' },
        { target: 'userDriven' },
      ],
    },
    userDriven: userDrivenBody('userDriven-'),
    selfDeploying: selfDeployingBody('selfDeploying-'),
    preProvisioned: preProvisionedBody('existingOobe', 'preProvisioned-'),
    // The join that ran (§2.7: the JSON's CloudAssignedDomainJoinMethod, or the cloud profile's), not both.
    ...ends('The follow-on deployment finished: the device is Microsoft Entra joined and managed (and not registered in Autopilot unless someone registers it).', {
      successIfHybrid: 'The follow-on deployment finished: the device is Microsoft Entra hybrid joined and managed (and not registered in Autopilot unless someone registers it).',
    }),
  },
  output: outputOf,
});
