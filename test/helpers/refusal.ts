// The InputError a call throws, for tests of what a library call says to wrong input: any other outcome fails the test.
import { expect } from 'vitest';
import { InputError } from '../../src/index.ts';

export function refusal(call: () => unknown): InputError {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('not refused');
}
