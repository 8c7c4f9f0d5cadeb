// JSON Schemas for editors, generated from the same zod schemas that validate the files.
// `npm run schema` writes them to schema/; a test keeps the published copies current.
import { z } from 'zod';
import { FleetSchema } from './schema.ts';
import { EnvironmentSchema, ScenarioFileSchema } from '../environment/schema.ts';
import { DURATION_NAMES, DURATIONS, type Duration } from '../environment/durations.ts';

type Json = Record<string, unknown>;

/** `include:` (src/environment/load.ts), resolved before validation: an overlay file or a list of them. */
const INCLUDE = {
  description: 'Environment overlay file(s) merged under this mapping (its own fields win), relative to this file; such as `calibrate --overlay`.',
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }],
};
const withInclude = (schema: Json): Json => ({ ...schema, properties: { ...((schema.properties as Json) ?? {}), include: INCLUDE } });

/**
 * Every duration a file may override, named with its default and where the default comes from (documented, or an
 * estimate and why): an editor completes the names and shows the default, and a package user, who has no
 * src/environment/durations.ts, reads them here. The value's schema is written once, in `$defs.duration`; returns it.
 */
function describeDurations(node: unknown): Json | undefined {
  if (!node || typeof node !== 'object') return undefined;
  let found: Json | undefined;
  const durations = ((node as Json).properties as Json | undefined)?.durations as Json | undefined;
  if (durations && (durations.propertyNames as Json | undefined)?.enum) {
    found = durations.additionalProperties as Json;
    durations.additionalProperties = DURATION_REF;
    durations.properties = Object.fromEntries(
      DURATION_NAMES.map((name) => {
        const d = DURATIONS[name];
        return [name, { ...DURATION_REF, default: d.duration, description: `Default ${inWords(d.duration)}. ${d.estimate ? 'An estimate' : 'Documented'}: ${d.note}.` }];
      }),
    );
  }
  for (const v of Object.values(node as Json)) found = describeDurations(v) ?? found;
  return found;
}
const DURATION_REF = { $ref: '#/$defs/duration' };

/** A default duration in words: "2 min", "triangular: 0.1 to 1 min, most often 0.2". */
function inWords(d: Duration): string {
  if (typeof d === 'number') return `${d} min`;
  if ('fixed' in d) return `${d.fixed} min`;
  if ('uniform' in d) return `uniform: ${d.uniform[0]} to ${d.uniform[1]} min`;
  if ('triangular' in d) return `triangular: ${d.triangular[0]} to ${d.triangular[2]} min, most often ${d.triangular[1]}`;
  return `lognormal: median ${d.lognormal.median} min, p90 ${d.lognormal.p90}`;
}

export function scenarioJsonSchema(): Json {
  const schema = withInclude({ title: 'autopilot-sim scenario file', ...(z.toJSONSchema(ScenarioFileSchema, { io: 'input' }) as Json) });
  const duration = describeDurations(schema);
  return { ...schema, $defs: { ...((schema.$defs as Json) ?? {}), duration } };
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
  const duration = describeDurations(environment);
  return withInclude({ title: 'autopilot-sim fleet file', ...fleet, $defs: { ...((fleet.$defs as Json) ?? {}), environment: withInclude(environment), duration } });
}
