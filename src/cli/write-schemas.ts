// npm run schema: regenerate the published JSON Schemas in schema/.
import { writeFileSync } from 'node:fs';
import { fleetJsonSchema, scenarioJsonSchema } from '../fleet/jsonSchema.ts';

const dir = new URL('../../schema/', import.meta.url);
writeFileSync(new URL('scenario.schema.json', dir), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('fleet.schema.json', dir), `${JSON.stringify(fleetJsonSchema(), null, 2)}\n`);
process.stdout.write('wrote schema/scenario.schema.json and schema/fleet.schema.json\n');
