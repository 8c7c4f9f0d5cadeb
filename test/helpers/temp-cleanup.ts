// A set-up file of every vitest project (vitest.config.ts): the folders a test file made with tempDir() are removed
// when it ends. Registered before the file's own hooks, this afterAll runs after them (vitest runs after-hooks last in,
// first out), once a server serving from a folder has closed.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.ts';

afterAll(removeTempDirs);
