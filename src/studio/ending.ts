// How a lesson's ending not yet shown is masked: one place for the studio's fault cards, side by side's steps and play.
import { lookup } from '../catalog/errors.ts';

/**
 * The words that stand for a lesson's expected ending until the run shows it, within a sentence (`inline`: the lesson card's text, a fault's label) and their tooltip. A code Microsoft
 * documents is 'this lesson's error code'; a failure it documents none for (lesson 08's ESP_TIMEOUT, lesson 05's
 * ANOTHER_INSTALLATION_IN_PROGRESS) is the simulator's name, not a code: masking it as one promised the class a code
 * to look for on a device. Neither says the ending.
 */
export function maskedEnding(code: string): { text: string; inline: string; title: string } {
  return lookup(code)?.code
    ? { text: "this lesson's error code", inline: 'this error code', title: 'The error code shows when the run reaches it' }
    : { text: "this lesson's ending", inline: 'this ending', title: 'How the lesson ends shows when the run reaches it' };
}
