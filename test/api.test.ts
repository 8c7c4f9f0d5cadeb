// The library API, imported by the package's own name, as a script would.
import { describe, expect, it } from 'vitest';
import { defaultEnvironment, InputError, runFleet, simulate, Session, MICROSOFT } from 'autopilot-sim';

describe("import { runFleet } from 'autopilot-sim'", () => {
  it('runs a fleet and a device', async () => {
    const report = await runFleet({ devices: 200, environment: { hardware: { kind: 'vm' } }, scenario: 'self-deploying' });
    expect(report.devices).toBe(200);
    expect(report.failures[0]?.code).toBe('0x800705B4');
    const { outcome } = simulate(defaultEnvironment({}), { seed: 2 });
    expect(outcome.status).toBe('succeeded');
    expect(new Session({ scenario: 'reset' }, 1).trace.length).toBeGreaterThan(3);
    expect(MICROSOFT['TPM authenticates']['self-deploying']).toBe('Yes');
  });

  it('simulate takes an environment as written, parsed as defaultEnvironment parses it (it threw a TypeError from deep in the world)', () => {
    const { outcome } = simulate({ scenario: 'self-deploying', hardware: { kind: 'vm' } }, { seed: 1 });
    expect(outcome.errorCode).toBe('0x800705B4');
    expect(simulate({ scenario: 'reset' }, { seed: 3 })).toEqual(simulate(defaultEnvironment({ scenario: 'reset' }), { seed: 3 }));
    expect(() => simulate({ hardware: { kind: 'vmm' as never } })).toThrow(InputError);
  });

  it('gives the same fleet report as the command line', async () => {
    const { run } = await import('../src/cli/program.ts');
    const out: string[] = [];
    await run(['run', 'self-deploying', '--devices', '300', '--json'], { out: (s) => out.push(s), err: () => {} });
    const { loadFleet } = await import('autopilot-sim');
    const viaApi = await runFleet(loadFleet(new URL('../scenarios/self-deploying.yaml', import.meta.url).pathname), { devices: 300 });
    expect(JSON.parse(out.join(''))).toEqual(JSON.parse(JSON.stringify(viaApi)));
  });
});
