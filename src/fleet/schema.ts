// A fleet file: many devices, not one. The tenant-wide environment, sites (network,
// bandwidth, domain-controller reach), groups of devices with counts or weights and
// shares of variations (TPM 1.2, VMs...), a rollout window, the shared world (connector
// capacity, a cloud incident) and the goals a recommendation weighs.
import { z } from 'zod';
import { SCENARIOS } from '../environment/schema.ts';

/** A piece of an environment: any subset of the scenario-file fields; checked against the environment schema when loaded. */
const EnvironmentPiece = z.record(z.string(), z.unknown());
// How pieces combine, said where an editor shows it: a group's apps read as added to the tenant's were refused (an ESP's
// selectedApps named a tenant app the group's own list had replaced).
const MERGE_ORDER = "the site's over the tenant's, the group's over the site's, a variation's over the group's";
const piece = (where: string, tenant = false) =>
  EnvironmentPiece.default({}).describe(
    tenant
      ? `Scenario-file fields (hardware, profile, esp, apps, ...) that hold for ${where}, checked as an environment. Sites, groups and variations are merged over it field by field (${MERGE_ORDER}); a list they give, such as apps or scripts, replaces this one whole.`
      : `Scenario-file fields (hardware, profile, esp, apps, ...) that hold for ${where}; merged field by field over the fleet's environment (${MERGE_ORDER}), checked as an environment. A list, such as apps or scripts, replaces the list beneath it whole: write every app these devices get.`,
  );

const Variation = z.strictObject({
  share: z.number().min(0).max(1).describe('Share of the group\'s devices that get this variation, from 0 to 1 (the shares of one dimension add up to at most 1; the rest is unchanged). A group with a count gets it within a device or two (0.1 of 600 kiosks: 60), at each of its sites in the same share and independently of its other dimensions; a weighted group\'s devices, drawn into it, each draw their variation by these shares.').meta({ examples: [0.1] }),
  environment: EnvironmentPiece.describe('What differs for those devices: scenario-file fields, such as {hardware: {tpm: \'1.2\'}} (quote 1.2: unquoted, YAML reads a number), merged field by field over the group\'s (a list, such as apps, replaces the group\'s whole).'),
});

export const SiteSchema = z.strictObject({
  name: z.string().min(1).describe('The site\'s name; groups and sweeps name it (sites.<name>.bandwidthMbps).'),
  share: z.number().nonnegative().default(1).describe('The site\'s weight in the fleet when a group does not give site weights: shares 2, 1, 1 put half the devices at the first site; 0, a site with no devices of its own (a depot, a hub) that a group names in its sites or technicianSite.').meta({ examples: [1, 2] }),
  bandwidthMbps: z.number().positive().max(1e6).optional().describe('The site\'s internet link in megabits per second, shared by its devices downloading apps at the same time (a saturated link delays downloads and can push the ESP past its timeout); unset means no limit.').meta({ examples: [100, 1000] }),
  internetVia: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Where the site reaches the internet when it does not break out locally: the name of another site (a hub) whose link its app downloads cross as well, as through a forced-tunnel VPN or a WAN backhaul to a head office's breakout. The hub's link then carries its own devices' downloads and those of every site behind it; a download goes at the slower link's speed and waits in both queues. Unset: a local breakout (split tunnelling, as Microsoft advises for Intune and Microsoft 365 traffic), on the site's own link alone. The hub must break out itself.",
    )
    .meta({ examples: ['Head office'] }),
  startHour: z
    .number()
    .nonnegative()
    .max(24 * 365)
    .optional()
    .describe(
      "When the site's devices begin, in hours from the start of the rollout (as sharedWorld.incident's hours): a region in another time zone, or a later wave. Its devices start over the rollout window (rollout.windowHours, or the pace's) from this hour, so a firm's regions each start in their own morning; the links and the connector see each site's demand at its hours. Unset: 0, the rollout's start.",
    )
    .meta({ examples: [0, 8] }),
  environment: piece('every device at this site (network, domain-controller reach, VPN)'),
});

export const GroupSchema = z.strictObject({
  name: z.string().min(1).describe('The group\'s name, as the reports and sweeps name it (groups.<name>.count).'),
  count: z.number().int().positive().max(1e8).optional().describe('Devices in the group; when every group has a count, they set the fleet size and --devices scales them.'),
  weight: z.number().positive().optional().describe('The group\'s share of the fleet relative to the other groups, when groups have no counts.'),
  sites: z.record(z.string(), z.number().nonnegative()).optional().describe('Where the group\'s devices are: site names with weights, such as {Head office: 3, Branch A: 1}; unset means the sites\' own shares. A group with a count puts each site\'s share of its devices there, within a device (a store weighted 5 of 1,500 kiosks at 300 stores gets 5), its sites interleaved through the group; a weighted group\'s devices, drawn into it, each draw their site by these weights.'),
  technicianSite: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Pre-provisioning: the site where a technician runs these devices' technician flow (a depot, an OEM's or reseller's build room), named from sites. Its downloads load that site's link, and the user flow's the device's own site's (sites), where it is shipped. Unset: both on the device's own site.",
    )
    .meta({ examples: ['Depot'] }),
  environment: piece('every device of this group'),
  vary: z.record(z.string(), z.array(Variation).min(1)).default({}).describe('Independent dimensions (a name of your choice, such as tpm), each a list of variations whose shares add up to at most 1 (the rest is unchanged).'),
});

export const FleetSchema = z.strictObject({
  $schema: z.string().optional().describe('The JSON Schema the file follows, for an editor\'s completion and checks (such as ./schema/fleet.schema.json); not read otherwise.'),
  name: z.string().min(1).optional().describe('The fleet\'s name, as the reports show it.'),
  description: z.string().optional().describe('What the fleet is and what question it answers.'),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1).describe('Random seed: the same file and seed give the same report, whatever the number of workers.'),
  devices: z.number().int().positive().max(1e8).optional().describe('Fleet size; unset: the sum of group counts, else 1000. Given beside group counts, it scales them in proportion, as --devices does (counts of 600 and 300 with devices: 1000 give 667 and 333). --devices overrides it.'),
  scenario: z.enum(SCENARIOS).optional().describe('The Autopilot scenario every device runs (a group\'s environment.scenario overrides it).'),
  environment: piece('the whole tenant (profile, ESP, apps)', true),
  sites: z.array(SiteSchema).min(1).default([{ name: 'default', share: 1, environment: {} }]).describe('Where the devices are: each site with its share, its link and its own network.'),
  groups: z.array(GroupSchema).min(1).default([{ name: 'all', weight: 1, environment: {}, vary: {} }]).describe('Kinds of device (laptops, kiosks, VMs), each with a count or weight and its variations.'),
  rollout: z
    .strictObject({
      windowHours: z.number().min(0).max(24 * 365 * 10).default(0).describe('Devices start spread evenly at random over this many hours (0: all at once). Shared links and the connector see the demand per hour this gives. Or give devicesPerHour.').meta({ examples: [40, 168] }),
      devicesPerHour: z.number().positive().max(1e7).optional().describe('Devices started per hour, in place of windowHours: the window is the fleet\'s devices over this rate, so --devices scales it and the load per hour stays what the file says.').meta({ examples: [25, 100] }),
    })
    .prefault({})
    .describe('When the devices start.'),
  sharedWorld: z
    .strictObject({
      connectorRequestsPerHour: z.number().positive().max(1e7).optional().describe('Offline-domain-join requests the Intune Connectors for Active Directory of the domain serve per hour, every connector together (hybrid join); a request that would wait over 30 minutes fails with 0x80070774. Unset means no limit. A second connector (hybrid.connector.others) takes over when one fails and does not change this figure: the documents give no throughput per connector, so write what all of them serve.').meta({ examples: [600] }),
      incident: z
        .strictObject({
          service: z.enum(['autopilot', 'entra', 'intune']).describe('The cloud service that fails.'),
          startHour: z.number().min(0).describe('When the incident starts, in hours from the start of the rollout.'),
          endHour: z.number().min(0).describe('When it ends, in hours from the start of the rollout.'),
          failureShare: z.number().min(0).max(1).describe('Share of the requests to the service inside the window that fail, from 0 to 1.'),
        })
        .optional()
        .describe('A cloud incident: requests to a service fail with this probability inside the window.'),
    })
    .prefault({})
    .describe('What the devices share: the connector\'s capacity and a cloud incident.'),
  goals: z
    .strictObject({
      leastEndUserTime: z.boolean().default(false).describe('recommend weighs the end user\'s minutes (and a quarter of the technician\'s), rather than the total.'),
      noItTouch: z.boolean().default(false).describe("No IT admin, OEM or reseller interaction (the capability table's row): recommend excludes pre-provisioning, existing devices and a remote Autopilot Reset, which an Intune admin starts (a local one stays open)."),
      sharedOrKiosk: z.boolean().default(false).describe('Shared or kiosk devices: recommend favours self-deploying and excludes device preparation.'),
      preferEntraJoin: z.boolean().default(true).describe('Microsoft recommends Entra join where possible: with hybrid asked for, recommend also simulates Entra join.'),
      weights: z
        .strictObject({
          success: z.number().min(0).max(1000).default(100).describe('Points a scenario gets for 100% success: the score starts at this × the success rate.'),
          endUserMinutesPerPoint: z.number().positive().max(1e4).default(10).describe('With leastEndUserTime: p50 end-user minutes (plus the technician\'s, weighed by technicianShare) that cost one point.'),
          technicianShare: z.number().min(0).max(1).default(0.25).describe('With leastEndUserTime: what a technician\'s minute counts against a user\'s (0.25: four technician minutes cost what one user minute does).'),
          totalMinutesPerPoint: z.number().positive().max(1e4).default(20).describe('Without leastEndUserTime: p50 total minutes that cost one point.'),
          maxTimePoints: z.number().min(0).max(1000).default(25).describe('The most points time can take off a score.'),
          kiosk: z.number().min(0).max(1000).default(10).describe('Points added to self-deploying for shared or kiosk devices (goals.sharedOrKiosk, or a kiosk profile).'),
          singleUser: z.number().min(0).max(1000).default(10).describe('Points taken from self-deploying for single-user devices (it cannot assign a user).'),
          devicesInUse: z.number().min(0).max(1000).default(5).describe('Points added to Reset for devices in use (it keeps their join and enrollment; a new deployment needs a wipe first).'),
        })
        .prefault({})
        .describe('How recommend scores a scenario: success in points, minus time, plus or minus the goal adjustments; the full rule is printed with the ranking.'),
    })
    .prefault({})
    .describe('What recommend weighs.'),
});

export type Fleet = z.infer<typeof FleetSchema>;
export type FleetInput = z.input<typeof FleetSchema>;
