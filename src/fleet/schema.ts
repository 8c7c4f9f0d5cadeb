// A fleet file: many devices, not one. The tenant-wide environment, sites (network,
// bandwidth, domain-controller reach), groups of devices with counts or weights and
// shares of variations (TPM 1.2, VMs...), a rollout window, the shared world (connector
// capacity, a cloud incident) and the goals a recommendation weighs.
import { z } from 'zod';
import { SCENARIOS } from '../environment/schema.ts';

/** A piece of an environment: any subset of the scenario-file fields; checked against the environment schema when loaded. */
const EnvironmentPiece = z.record(z.string(), z.unknown());

const Variation = z.strictObject({
  share: z.number().min(0).max(1),
  environment: EnvironmentPiece,
});

export const SiteSchema = z.strictObject({
  name: z.string().min(1),
  /** Share of the fleet at this site when groups do not say. */
  share: z.number().positive().default(1),
  /** Shared by the site's devices downloading apps at the same time; unset means no limit. */
  bandwidthMbps: z.number().positive().max(1e6).optional(),
  environment: EnvironmentPiece.default({}),
});

export const GroupSchema = z.strictObject({
  name: z.string().min(1),
  count: z.number().int().positive().max(1e8).optional(),
  weight: z.number().positive().optional(),
  /** Site names with weights; unset means the sites' own shares. */
  sites: z.record(z.string(), z.number().nonnegative()).optional(),
  environment: EnvironmentPiece.default({}),
  /** Independent dimensions, each a list of variations whose shares add up to at most 1 (the rest is unchanged). */
  vary: z.record(z.string(), z.array(Variation).min(1)).default({}),
});

export const FleetSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  /** Fleet size; unset: the sum of group counts, else 1000. */
  devices: z.number().int().positive().max(1e8).optional(),
  scenario: z.enum(SCENARIOS).optional(),
  environment: EnvironmentPiece.default({}),
  sites: z.array(SiteSchema).min(1).default([{ name: 'default', share: 1, environment: {} }]),
  groups: z.array(GroupSchema).min(1).default([{ name: 'all', weight: 1, environment: {}, vary: {} }]),
  rollout: z
    .strictObject({
      /** Devices start spread evenly at random over this many hours. */
      windowHours: z.number().min(0).max(24 * 365).default(0),
    })
    .prefault({}),
  sharedWorld: z
    .strictObject({
      /** Offline-domain-join requests the connectors of the domain serve per hour; unset means no limit. */
      connectorRequestsPerHour: z.number().positive().max(1e7).optional(),
      /** A cloud incident: requests to a service fail with this probability inside the window. */
      incident: z
        .strictObject({
          service: z.enum(['autopilot', 'entra', 'intune']),
          startHour: z.number().min(0),
          endHour: z.number().min(0),
          failureShare: z.number().min(0).max(1),
        })
        .optional(),
    })
    .prefault({}),
  goals: z
    .strictObject({
      leastEndUserTime: z.boolean().default(false),
      noItTouch: z.boolean().default(false),
      sharedOrKiosk: z.boolean().default(false),
      preferEntraJoin: z.boolean().default(true),
    })
    .prefault({}),
});

export type Fleet = z.infer<typeof FleetSchema>;
export type FleetInput = z.input<typeof FleetSchema>;
