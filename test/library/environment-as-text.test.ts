// An environment given as text, a scenario's name or a scenario file's, as a developer trying simulate('user-driven')
// writes it: it read 'environment: expected object, got "user-driven"', with nothing of what to write.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment, InputError, runFleet, runLive, Session, simulate } from '../../src/index.ts';
import { refusal } from '../helpers/refusal.ts';

describe('an environment given as text', () => {
  it("a scenario's name, or a slip of one, is told the object to write", () => {
    for (const call of [() => simulate('user-driven' as never), () => defaultEnvironment('user-driven' as never), () => new Session('user-driven' as never, 1), () => runLive('user-driven' as never)]) {
      const e = refusal(call);
      expect([e.file, e.field]).toEqual(['environment', '']);
      expect(e.message).toBe(`environment: expected an object such as { scenario: 'user-driven' }, got "user-driven": write { scenario: 'user-driven' }`);
    }
    expect(refusal(() => simulate('self-deploy' as never)).message).toBe(`environment: expected an object such as { scenario: 'user-driven' }, got "self-deploy": write { scenario: 'self-deploying' }`);
  });

  it("a scenario file's name is told how a scenario file's environment is had", () => {
    expect(refusal(() => simulate('user-driven-entra' as never)).message).toBe(`environment: expected an object such as { scenario: 'user-driven' }, got "user-driven-entra": a scenario file's environment is environmentOf(parseScenario(name, text))`);
    expect(refusal(() => simulate('scenarios/kiosk.yaml' as never)).expected).toMatch(/environmentOf\(parseScenario\(name, text\)\)$/);
  });

  it("a run's environment option alike", async () => {
    const e = await runFleet({ devices: 5 }, { environment: 'self-deploying' as never }).then(() => null, (x: unknown) => x as InputError);
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toBe(`options: environment: expected an object such as { scenario: 'user-driven' }, got "self-deploying": write { scenario: 'self-deploying' }`);
  });
});
