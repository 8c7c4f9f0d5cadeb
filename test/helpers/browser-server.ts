// Global set-up of the browser tests: one Chromium for the whole run (launching one takes a few
// seconds on these machines); each test file connects to it with launchChromium(). The studio is
// rebuilt here, once, when its sources changed: two files rebuilding it at once (each in its own
// worker) emptied dist/studio under the other's open page, whose chart then never drew.
import type { TestProject } from 'vitest/node';
import { BROWSER_ENDPOINT, launchChromiumServer } from './browser.ts';
import { ensureStudioBuilt } from './studio.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureStudioBuilt();
  const server = await launchChromiumServer();
  project.provide(BROWSER_ENDPOINT, server.wsEndpoint());
  return () => server.close();
}
