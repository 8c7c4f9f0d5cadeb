// How far apart two names are, for "did you mean" in input errors (a field's name, an app's).

/** Edit distance with a swap of two neighbours as one edit (optimal string alignment): "tmp" is one from "tpm". */
export function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/**
 * The name among `names` that `name` is most likely a slip for: the same but for case, or within two edits and fewer
 * than half its letters (a one-letter key "x" is two edits from "os", and no slip for it); else undefined.
 */
export function closest(name: string, names: readonly string[]): string | undefined {
  // Two names whose lengths differ by more than two are more than two edits apart: no table for them (a 200,000-letter
  // value in an enum field took a second a name, and a generated file's load minutes).
  return names.find((n) => n.toLowerCase() === name.toLowerCase()) ?? names.find((n) => { if (Math.abs(n.length - name.length) > 2) return false; const d = distance(n, name); return d <= 2 && d < name.length / 2; });
}

/**
 * A name `name` stands for: closest's, or else the one of `names` it begins, three letters or more ("self-deploy" is three
 * edits from self-deploying, and begins it alone: `compare --scenarios user-driven,self-deploy` named no scenario), or else
 * the longest of `names` it begins with a dash after it ("reset-local"), or else the one of `names` it holds as a word
 * ("Hybrid Azure AD").
 */
export function meant(name: string, names: readonly string[]): string | undefined {
  const begun = name.length >= 3 ? names.filter((n) => n.toLowerCase().startsWith(name.toLowerCase())) : [];
  // A name that one of `names` begins, then a dash and more: a bundled scenario file's name for its scenario
  // ('reset-local', 'existing-devices-entra', 'user-driven-hybrid': scenario: reset-local named none).
  const within = names.filter((n) => name.toLowerCase().startsWith(`${n.toLowerCase()}-`)).sort((a, b) => b.length - a.length);
  // Or the one name among `names` written as a word of it ('Hybrid Azure AD' for hybrid, 'User driven mode').
  const words = name.toLowerCase().split(/[^a-z0-9.]+/);
  const worded = names.filter((n) => words.includes(n.toLowerCase()));
  return closest(name, names) ?? (begun.length === 1 ? begun[0] : (within[0] ?? (worded.length === 1 ? worded[0] : undefined)));
}

/**
 * ': did you mean "vm"?' after a fixed-value field's error, where `input` is a slip (by meant's rule) for one of its
 * `values`; '' where none is close. The one rule for every enum a file or a library call gives: a scenario, hardware.kind,
 * profile.joinType, an app's type ('win-32'), a hidden page ('eual'), a reading ('801c0003').
 */
export function slipOf(input: unknown, values: readonly unknown[]): string {
  if (typeof input !== 'string') return '';
  const one = meant(input, values.filter((v): v is string => typeof v === 'string'));
  return one === undefined || one === input ? '' : `: did you mean "${one}"?`;
}
