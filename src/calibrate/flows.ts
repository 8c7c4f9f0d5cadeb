// Which flows a calibrated twin was fitted to, and how a what-if in another flow is said. Apart from the rest of
// calibrate (its export readers and fit), because run, compare and recommend say it too: imported from twin.ts, it
// loaded calibrate whole, and csv-parse, into every `run` (about a tenth of a second and 12 MB before the first device).

/** What a flow the exports never showed is on a twin: the header says it, and recommend and compare --scenarios beside their figures. */
export const CARRIED_OVER = "as the model has it (its steps' defaults, estimates) with this tenant's fitted values carried over: no deployment in these exports shows it";

/** The flows (scenario/join) a twin's calibrated environments were fitted to, as its header's "Observed:" names them. */
export const observedFlow = (e: { scenario: string; profile: { joinType: string } }) => `${e.scenario}/${e.profile.joinType}`;
