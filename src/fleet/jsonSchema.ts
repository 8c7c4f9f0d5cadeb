// JSON Schemas for editors, generated from the same zod schemas that validate the files.
// `npm run schema` writes them to schema/; a test keeps the published copies current.
import { z } from 'zod';
import { FleetSchema } from './schema.ts';
import { EnvironmentSchema, ScenarioFileSchema } from '../environment/schema.ts';

type Json = Record<string, unknown>;

/** `include:` (src/environment/load.ts), resolved before validation: an overlay file or a list of them. */
const INCLUDE = {
  description: 'Environment overlay file(s) merged under this mapping (its own fields win), relative to this file; such as `calibrate --overlay`.',
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
};
const withInclude = (schema: Json): Json => ({ ...schema, properties: { ...((schema.properties as Json) ?? {}), include: INCLUDE } });

export function scenarioJsonSchema(): Json {
  return withInclude({ title: 'autopilot-sim scenario file', ...(z.toJSONSchema(ScenarioFileSchema, { io: 'input' }) as Json) });
}

/** The fleet schema, with every environment piece (tenant, site, group, variation) checked as an environment. */
export function fleetJsonSchema(): Json {
  const fleet = z.toJSONSchema(FleetSchema, { io: 'input' }) as Json;
  const environment = z.toJSONSchema(EnvironmentSchema, { io: 'input' }) as Json;
  delete environment.$schema;
  const ref = { $ref: '#/$defs/environment' };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const props = (node as Json).properties as Json | undefined;
    if (props && 'environment' in props) {
      const description = (props.environment as Json).description;
      props.environment = description ? { ...ref, description } : ref;
    }
    for (const v of Object.values(node as Json)) visit(v);
  };
  visit(fleet);
  return withInclude({ title: 'autopilot-sim fleet file', ...fleet, $defs: { ...((fleet.$defs as Json) ?? {}), environment: withInclude(environment) } });
}
