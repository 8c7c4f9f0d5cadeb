// Global set-up of the browser tests: one Chromium for the whole run (launching one takes a few
// seconds on these machines); each test file connects to it with launchChromium().
import type { TestProject } from 'vitest/node';
import { BROWSER_ENDPOINT, launchChromiumServer } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await launchChromiumServer();
  project.provide(BROWSER_ENDPOINT, server.wsEndpoint());
  return () => server.close();
}
