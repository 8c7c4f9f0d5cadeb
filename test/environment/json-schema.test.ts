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
