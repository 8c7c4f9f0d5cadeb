// npm run schema: regenerate the published JSON Schemas in schema/, and the machines' state paths the scenario loader
// checks a lesson's notes against (src/catalog/state-paths.ts).
import { writeFileSync } from 'node:fs';
import { fleetJsonSchema, scenarioJsonSchema } from '../fleet/jsonSchema.ts';
import { statePathsText } from './state-paths-text.ts';

const dir = new URL('../../schema/', import.meta.url);
writeFileSync(new URL('scenario.schema.json', dir), `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('fleet.schema.json', dir), `${JSON.stringify(fleetJsonSchema(), null, 2)}\n`);
writeFileSync(new URL('../catalog/state-paths.ts', import.meta.url), statePathsText());
process.stdout.write('wrote schema/scenario.schema.json, schema/fleet.schema.json and src/catalog/state-paths.ts\n');
