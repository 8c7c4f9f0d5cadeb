// First import of the studio: zod must not probe `new Function` (the studio's server sends a
// Content-Security-Policy without 'unsafe-eval', and the probe would log a CSP violation).
// Schemas read this setting when they are built, so it runs before any schema module loads.
import { z } from 'zod';

z.config({ jitless: true });
