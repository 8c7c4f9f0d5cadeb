// One way to start a headless Chromium for the browser tests and bench:studio: the system's
// (Debian's /usr/bin/chromium) when it is installed, otherwise the Chromium that
// @sparticuz/chromium ships inside its npm package (decompressed once to the temp folder),
// so `npm install && npm test` needs nothing else on a fresh machine.
// AUTOPILOT_SIM_CHROMIUM=bundled forces the packaged one; a path forces that executable.
// Under vitest the browser project's global set-up starts one Chromium for the whole run
// (launchChromiumServer) and launchChromium() connects to it.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserServer, type LaunchOptions, type Page } from 'playwright-core';

/** The key under which the browser tests' global set-up provides its Chromium's endpoint. */
export const BROWSER_ENDPOINT = 'chromiumEndpoint' as const;

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
// Quiet on a closed network: no background requests, no first-run work.
const COMMON_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function chromiumExecutable(): Promise<{ path: string; args: string[]; source: 'system' | 'bundled' }> {
  const wanted = process.env.AUTOPILOT_SIM_CHROMIUM;
  if (wanted && wanted !== 'bundled') return { path: wanted, args: COMMON_ARGS, source: 'system' };
  const system = wanted === 'bundled' ? undefined : SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (system) return { path: system, args: COMMON_ARGS, source: 'system' };
  const { default: bundled } = await import('@sparticuz/chromium');
  // Its serverless flags minus the ones that change what a page may do (web security, site isolation).
  const keep = bundled.args.filter((a) => !/^--(disable-web-security|allow-running-insecure-content|single-process|disable-site-isolation-trials)/.test(a));
  return { path: await bundled.executablePath(), args: [...new Set([...keep, ...COMMON_ARGS])], source: 'bundled' };
}

async function launchOptions(options: LaunchOptions): Promise<LaunchOptions> {
  const { path, args } = await chromiumExecutable();
  return { headless: true, ...options, executablePath: path, args: [...args, ...(options.args ?? [])] };
}

/** A Chromium for this caller: the run's shared one inside vitest's browser tests, else a new one. Close it when done. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  if (process.env.VITEST && Object.keys(options).length === 0) {
    const { inject } = await import('vitest');
    const endpoint = inject(BROWSER_ENDPOINT);
    // Closing a connected browser disconnects this file; the run's Chromium stays for the next.
    if (endpoint) return chromium.connect(endpoint);
  }
  return chromium.launch(await launchOptions(options));
}

/** A Chromium that other processes connect to (the browser tests' global set-up). */
export async function launchChromiumServer(): Promise<BrowserServer> {
  return chromium.launchServer(await launchOptions({}));
}

/**
 * The statechart labels (states and edges) under `svg` whose rendered text runs outside its box,
 * as "label: text N px in a box of M px"; none when every label fits in the page's own font.
 */
export function overflowingLabels(page: Page, svg: string): Promise<string[]> {
  return page.$$eval(`${svg} .sc-edge, ${svg} .sc-node`, (gs) =>
    gs.flatMap((g) => {
      const text = g.querySelector(':scope > text') as SVGTextElement | null;
      const rect = g.querySelector(':scope > rect') as SVGRectElement | null;
      if (!text || !rect || !text.textContent) return [];
      const t = text.getBBox();
      const b = rect.getBBox();
      return t.x >= b.x - 0.5 && t.x + t.width <= b.x + b.width + 0.5 ? [] : [`${text.textContent}: text ${Math.round(t.width)} px in a box of ${Math.round(b.width)} px`];
    }),
  );
}
