// How the text reports write a figure, in one place: the terminal and the Markdown report show
// the same rounding, so the two never disagree. (The HTML report has its own, which also guards
// against values that are not numbers.)

/** A share as a percentage with one decimal; '–' when there is none. */
export const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** Minutes with one decimal; '–' when there are none. */
export const min = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** A number as computed; '–' when there is none. */
export const raw = (x: number | null) => (x === null ? '–' : String(x));
