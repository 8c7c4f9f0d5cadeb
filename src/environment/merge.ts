// Deep merge of environment pieces (a file's defaults, a site, a group, a variation).
type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of plain objects; arrays and scalars in `b` replace those in `a`. */
export function merge<T>(a: T, b: unknown): T {
  if (!isPlain(a) || !isPlain(b)) return (b === undefined ? a : b) as T;
  const out: Plain = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
  return out as T;
}

