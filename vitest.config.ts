import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Output is asserted as plain text, whatever the runner's terminal or CI says about colour
    // (picocolors turns colour on for FORCE_COLOR, a TTY, or any CI variable; NO_COLOR wins).
    env: { NO_COLOR: '1' },
  },
});
