// The tenant's failures with a code the model also makes on its own, from the environment: a twin of hybrid deployments
// that failed 4.2% with 0x80070774 (a domain controller out of sight) fails that share at a fixed probability, and a
// what-if that takes the domain controller from half the sites (hybrid.dcLineOfSight) adds the model's own beside it,
// while one that gives every site its domain controller back saves none of the tenant's. The twin said nothing of it.
import { MATRIX } from '../spec/matrix.ts';
import { pct } from '../format.ts';

/** A calibrated failure as fit.ts writes it (FailureRate), by what this reads of it: fit.ts imports this file. */
interface Failure {
  code: string;
  reportedCode?: string;
  share: number;
  probability: number;
}

/** domain/autopilot.md's exits and conditions under which the model fails with a code on its own (src/spec/matrix.ts). */
const producing = (code: string) => MATRIX.filter((m) => !m.out && !m.pending && (m.kind === 'exit' || m.kind === 'condition') && m.codes?.includes(code));
/** The environment fields under which the model fails with a code on its own. */
const fieldsProducing = (code: string): string[] => [...new Set(producing(code).flatMap((m) => m.fields ?? []))];
/** The steps of domain/autopilot.md where it places the code (H5.x1 is step H5's exit). */
const stepsProducing = (code: string): string[] => [...new Set(producing(code).map((m) => m.id.split('.')[0]!))];

/** A what-if caveat for each of the tenant's documented codes that the model also produces from settings of the environment. */
export function mechanismCaveats<F extends Failure>(failures: readonly F[], phaseLabel: (f: F) => string): string[] {
  return failures.flatMap((f) => {
    if (f.reportedCode || !/^0x[0-9a-f]{8}$/i.test(f.code) || f.probability <= 0) return [];
    const fields = fieldsProducing(f.code);
    if (!fields.length) return [];
    return [`${f.code} at ${phaseLabel(f)}: the model also fails with it on its own where the environment says so (${fields.join(', ')}); the twin fails ${pct(f.share)} of deployments with it at a fixed probability beside that, as the records do not say which setting caused the tenant's, so a what-if on those fields moves the model's own failures only, not the tenant's; and run lists the tenant's at ${phaseLabel(f)}, where Graph records them, and the model's at the step where domain/autopilot.md places the code (${stepsProducing(f.code).join(', ')}), two failure modes of one cause: the records name no step, so the twin cannot put the tenant's at the model's`];
  });
}
