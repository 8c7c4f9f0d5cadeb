// Writes the bundled synthetic export (scenarios/calibration/) from the known parameters in
// src/calibrate/sample.ts: `npx tsx bench/calibration-sample.ts [folder]`.
import { fileURLToPath } from 'node:url';
import { SAMPLE, SAMPLE_FILE } from '../src/calibrate/sample.ts';
import { writeSynthetic } from '../src/calibrate/synthetic.ts';

const dir = process.argv[2] ?? fileURLToPath(new URL('../scenarios/calibration/', import.meta.url));
const { files, events } = writeSynthetic(dir, { ...SAMPLE, format: 'csv', prefix: SAMPLE_FILE.replace(/\.csv$/, '') });
console.log(`${events} synthetic events in ${files.join(', ')}`);
