// The buttons drawn on the device's screen (screens.ts, device-preparation-screen.ts).
import { html } from 'htm/preact';
import type { VNode } from 'preact';

/** A button drawn on the device's screen: its words, how it looks (classes) and its testid. */
type Pictured = { label: string; cls?: string; testid?: string };

/**
 * The buttons drawn on the device's screen. They are part of the picture: they do nothing and take no focus (the choices
 * the studio offers are under the narration, on the chart and in the faults), so they are no buttons to a screen reader,
 * which announced "Yes", "Next" and "Try again" as buttons it could not press. It hears their words as a list named for
 * what they are, inside the region "What the person at the device sees".
 */
export function pictured(cls: string, buttons: Pictured[], testid?: string): VNode {
  return html`<div class=${cls} role="list" aria-label="Buttons on the screen" data-testid=${testid ?? null}>
    ${buttons.map((b) => html`<span role="listitem" class=${`pictured-btn ${b.cls ?? ''}`} data-testid=${b.testid ?? null}>${b.label}</span>`)}
  </div>`;
}
