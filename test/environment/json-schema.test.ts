import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fleetJsonSchema, scenarioJsonSchema } from '../../src/fleet/jsonSchema.ts';

const published = (name: string) => JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8'));

describe('published JSON Schemas', () => {
  it('are the ones the zod schemas generate (run `npm run schema` after changing a schema)', () => {
    expect(published('scenario.schema.json')).toEqual(JSON.parse(JSON.stringify(scenarioJsonSchema())));
    expect(published('fleet.schema.json')).toEqual(JSON.parse(JSON.stringify(fleetJsonSchema())));
  });

  it('describe the environment inside fleet pieces, for completion', () => {
    const fleet = fleetJsonSchema() as { $defs: { environment: { properties: Record<string, unknown> } } };
    expect(Object.keys(fleet.$defs.environment.properties)).toEqual(expect.arrayContaining(['hardware', 'esp', 'apps', 'hybrid']));
    expect(JSON.stringify(fleet)).toContain('#/$defs/environment');
  });
});

/** Every property of a JSON Schema, as "path.name", with its node. */
function properties(node: unknown, path = ''): Array<[string, Record<string, unknown>]> {
  if (!node || typeof node !== 'object') return [];
  const out: Array<[string, Record<string, unknown>]> = [];
  const props = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
  if (props && typeof props === 'object') for (const [k, v] of Object.entries(props)) out.push([`${path}.${k}`, v]);
  for (const [k, v] of Object.entries(node)) out.push(...properties(v, k === 'properties' ? path : `${path}/${k}`));
  return out;
}

describe('the schemas explain themselves', () => {
  for (const [name, schema] of [
    ['scenario', scenarioJsonSchema()],
    ['fleet', fleetJsonSchema()],
  ] as const) {
    it(`every property of the ${name} schema has a description an editor can show`, () => {
      const all = properties(schema);
      expect(all.length).toBeGreaterThan(150);
      expect(all.filter(([, v]) => typeof v.description !== 'string' || (v.description as string).length < 8).map(([p]) => p)).toEqual([]);
    });
  }

  it('names every duration a file may override with its default and whether it is documented or an estimate', async () => {
    const { DURATION_NAMES, DURATIONS } = await import('../../src/environment/durations.ts');
    const scenario = scenarioJsonSchema() as { properties: { durations: { properties: Record<string, { default: unknown; description: string; $ref: string }> } }; $defs: Record<string, unknown> };
    const fleet = fleetJsonSchema() as { $defs: { environment: { properties: { durations: { properties: Record<string, unknown> } } } } & Record<string, unknown> };
    for (const durations of [scenario.properties.durations.properties, fleet.$defs.environment.properties.durations.properties as typeof scenario.properties.durations.properties]) {
      expect(Object.keys(durations)).toEqual(DURATION_NAMES);
      for (const name of DURATION_NAMES) {
        expect(durations[name]!.default).toEqual(DURATIONS[name].duration);
        expect(durations[name]!.description).toMatch(DURATIONS[name].estimate ? /^Default .*\. An estimate: / : /^Default .*\. Documented: /);
        expect(durations[name]!.$ref).toBe('#/$defs/duration');
      }
    }
    expect(scenario.$defs.duration).toHaveProperty('anyOf');
    expect(fleet.$defs.duration).toHaveProperty('anyOf');
    expect(scenario.properties.durations.properties.qualityUpdates!.description).toBe('Default uniform: 20 to 40 min. Documented: §3.2: Windows quality updates add 20-40 min.');
    // Documented is only its floor ("more than 1 minute"), so the default spread is an estimate.
    expect(scenario.properties.durations.properties.firstBootTpmProvisioning!.description).toMatch(/^Default triangular: 1 to 3 min, most often 1\.5\. An estimate: /);
  });

  it('says what share, windowHours and bandwidthMbps mean, with examples', () => {
    const text = JSON.stringify(fleetJsonSchema());
    const fleet = fleetJsonSchema() as { properties: Record<string, { properties?: Record<string, { description?: string; examples?: unknown[] }> }>; $defs: Record<string, unknown> };
    expect(fleet.properties.rollout!.properties!.windowHours!.description).toMatch(/hours/);
    expect(fleet.properties.rollout!.properties!.windowHours!.examples).toBeDefined();
    expect(text).toMatch(/"bandwidthMbps":\{[^}]*"description":"The site's internet link in megabits per second/);
    expect(text).toMatch(/"share":\{[^}]*"description":"The site's weight in the fleet/);
  });

  it('says how a site, a group and a variation combine with the tenant, as the planner combines them: field by field, the later winning, a list replaced whole', async () => {
    // Written from the schema alone, a group's apps read as added to the tenant's; they replace them (and an ESP's
    // selectedApps naming a tenant app was refused). The descriptions said only "merged over the fleet's environment".
    const fleet = fleetJsonSchema() as { properties: Record<string, { description?: string; items?: { properties: Record<string, { description?: string; additionalProperties?: { items: { properties: { environment: { description: string } } } } }> } }> };
    const group = fleet.properties.groups!.items!.properties;
    expect(group.environment!.description).toMatch(/merged field by field over the fleet's environment \(the site's over the tenant's, the group's over the site's, a variation's over the group's\).*A list, such as apps or scripts, replaces the list beneath it whole/);
    expect(fleet.properties.sites!.items!.properties.environment!.description).toMatch(/A list, such as apps or scripts, replaces the list beneath it whole/);
    expect(fleet.properties.environment!.description).toMatch(/a list they give, such as apps or scripts, replaces this one whole/);
    expect(group.vary!.additionalProperties!.items.properties.environment.description).toMatch(/merged field by field over the group's \(a list, such as apps, replaces the group's whole\)/);
    // And the planner does what they say.
    const { loadFleet } = await import('../../src/fleet/index.ts');
    const { planFleet } = await import('../../src/fleet/plan.ts');
    const f = loadFleet('f.yaml', 'devices: 4\nenvironment:\n  apps: [{ name: Portal }, { name: Office }]\n  hybrid: { vpn: always-on }\nsites:\n  - { name: HQ, environment: { hybrid: { vpn: win32-logon, dcLineOfSight: false } } }\ngroups:\n  - { name: Devs, environment: { apps: [{ name: IDE }], hybrid: { dcLineOfSight: true } } }\n');
    const env = planFleet(f, {}).device(0).env;
    expect(env.apps.map((a) => a.name)).toEqual(['IDE']);
    expect([env.hybrid.vpn, env.hybrid.dcLineOfSight]).toEqual(['win32-logon', true]);
  });

  it('says what devices does beside group counts, as the planner does it: it scales them (it said nothing of counts)', async () => {
    const fleet = fleetJsonSchema() as { properties: { devices: { description: string } } };
    expect(fleet.properties.devices.description).toMatch(/Given beside group counts, it scales them in proportion, as --devices does \(counts of 600 and 300 with devices: 1000 give 667 and 333\)/);
    const { loadFleet } = await import('../../src/fleet/index.ts');
    const { planFleet } = await import('../../src/fleet/plan.ts');
    const plan = planFleet(loadFleet('f.yaml', 'devices: 1000\ngroups:\n  - { name: A, count: 600 }\n  - { name: B, count: 300 }\n'), {});
    const groups = Array.from({ length: plan.devices }, (_, i) => plan.device(i).group);
    expect([plan.devices, groups.filter((g) => g === 0).length, groups.filter((g) => g === 1).length]).toEqual([1000, 667, 333]);
  });

  it('a JSON file may name its schema with "$schema", as editors expect of JSON (it was an unknown field)', async () => {
    const { parseScenario, environmentOf } = await import('../../src/environment/load.ts');
    const { loadFleet } = await import('../../src/fleet/index.ts');
    const scenario = parseScenario('s.json', '{ "$schema": "./schema/scenario.schema.json", "scenario": "reset" }');
    expect(environmentOf(scenario)).not.toHaveProperty('$schema');
    expect(loadFleet('f.json', '{ "$schema": "./schema/fleet.schema.json", "devices": 10 }').devices).toBe(10);
    // A scenario file run as a fleet: the field is not taken for an environment field.
    expect(loadFleet('s.json', '{ "$schema": "./schema/scenario.schema.json", "scenario": "reset" }').environment).toEqual({ scenario: 'reset' });
    for (const file of ['fleet', 'scenario']) {
      const schema = published(`${file}.schema.json`);
      expect(schema.properties.$schema.type).toBe('string');
    }
  });

  it('an unquoted tpm: 1.2 (a number to YAML) gets a hint to quote it', async () => {
    const { parseScenario } = await import('../../src/environment/load.ts');
    expect(() => parseScenario('x.yaml', 'hardware:\n  tpm: 1.2\n')).toThrow(/hardware\.tpm: expected one of .*, got 1\.2 \(a number\): write '1\.2' in quotes/);
    expect(() => parseScenario('x.yaml', 'hardware:\n  tpm: 2.0\n')).toThrow(/write '2\.0' in quotes/);
    expect(() => parseScenario('x.yaml', 'hardware:\n  tpm: 3\n')).toThrow(/expected one of/);
    expect(() => parseScenario('x.yaml', 'hardware:\n  tpm: 3\n')).not.toThrow(/in quotes/);
    const { parseFleet } = await import('../../src/fleet/load.ts');
    expect(() => parseFleet('f.yaml', 'groups:\n  - name: a\n    vary:\n      tpm:\n        - { share: 0.1, environment: { hardware: { tpm: 1.2 } } }\n')).toThrow(/write '1\.2' in quotes/);
  });

  it('any text field given a number (os.version: 1909, a name 2024) gets the same hint; a number field does not', async () => {
    const { parseScenario } = await import('../../src/environment/load.ts');
    expect(() => parseScenario('x.yaml', 'os:\n  version: 1909\n')).toThrow(/x\.yaml:2: os\.version: expected string, got 1909 \(a number\): write '1909' in quotes/);
    expect(() => parseScenario('x.yaml', 'apps:\n  - { name: 2024, type: win32 }\n')).toThrow(/apps\[0\]\.name: expected string, got 2024 \(a number\): write '2024' in quotes/);
    expect(() => parseScenario('x.yaml', 'esp:\n  timeoutMinutes: "60"\n')).not.toThrow(/in quotes/);
  });
});
