// The capability table derived from the machines agrees with Microsoft's, cell by cell,
// and the derivation really depends on the machines: change one and a cell stops holding.
import type { AnyStateMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { machines } from '../../machines/index.ts';
import { deployment } from '../../machines/setup.ts';
import { deriveTable, type DeriveOptions } from '../../src/capabilities/derive.ts';
import { CAPABILITIES, COLUMNS, MICROSOFT } from '../../src/capabilities/table.ts';
import { capabilitiesMarkdown, compareCells, extraCells } from '../../src/report/capabilities.ts';
import { readFileSync } from 'node:fs';

describe('the capability table', () => {
  const cells = deriveTable({ runsPerVariant: 40 });

  it("has the seed's nine rows and five columns", () => {
    expect(CAPABILITIES).toHaveLength(9);
    expect(COLUMNS.map((c) => c.scenario)).toEqual(['user-driven', 'pre-provisioned', 'self-deploying', 'existing-devices', 'reset']);
    expect(compareCells(cells)).toHaveLength(45);
  });

  it('derives the device preparation column too, marked as not part of Microsoft\'s table and compared with nothing', () => {
    const extra = extraCells(cells);
    expect(extra).toHaveLength(9);
    expect(extra.every((c) => c.scenario === 'device-preparation' && c.microsoft === null && c.notInMicrosoftTable)).toBe(true);
    const cell = (capability: string) => extra.find((c) => c.capability === capability)!.derived;
    expect(cell('Supports Azure AD join')).toBe('Yes');
    expect(cell('Supports hybrid Azure AD join')).toBe('No');
    expect(cell('Registered as Autopilot device before deployment')).toBe('No');
    expect(cell('TPM authenticates')).toBe('No');
    expect(cell('Deployment requires interaction by IT admin/OEM/reseller')).toBe('No');
    // The user is at the device in user-driven mode only; Windows 365 automatic mode has none.
    expect(cell('Deployment requires interaction by user')).toBe('User-driven mode');
    expect(capabilitiesMarkdown(compareCells(cells), extra)).toMatch(/\*Device preparation\* † \|[\s\S]*† Not part of Microsoft's table/);
  });

  for (const capability of CAPABILITIES) {
    for (const { scenario } of COLUMNS) {
      it(`${capability} · ${scenario}: derived = Microsoft's "${MICROSOFT[capability][scenario]}"`, () => {
        const cell = cells.find((c) => c.capability === capability && c.scenario === scenario)!;
        expect(cell.derived, cell.why).toBe(MICROSOFT[capability][scenario]);
      });
    }
  }

  it('--explain names the variant in each clause of a cell derived from several (Entra and hybrid), none repeated', () => {
    for (const cell of cells) {
      const clauses = cell.why.split('; ');
      expect(new Set(clauses).size, `${cell.scenario} · ${cell.capability}: ${cell.why}`).toBe(clauses.length);
    }
    const why = (scenario: string, capability: string) => cells.find((c) => c.scenario === scenario && c.capability === capability)!.why;
    expect(why('pre-provisioned', 'User authenticates')).toMatch(/successful entra paths passes userAuthentication, always inside the user flow; .* successful hybrid paths passes userAuthentication/);
    expect(why('pre-provisioned', 'TPM authenticates')).toMatch(/successful entra paths passes tpmAttestation, always inside the technician flow; /);
    expect(why('user-driven', 'Minimizes time user interacts with deployment')).toMatch(/on average in entra runs against .*; .* on average in hybrid runs against /);
  });

  it("the README's table is what `capabilities --markdown` prints today", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(capabilitiesMarkdown(compareCells(cells), extraCells(cells)).trim());
  });
});

/** A copy of a machine with its config changed, sharing the same guards and actions. */
function mutate(machine: AnyStateMachine, change: (config: any) => void): AnyStateMachine {
  const copy = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(copy) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) : v;
  const config = copy(machine.config) as any;
  change(config);
  return deployment.createMachine(config) as unknown as AnyStateMachine;
}

function disagreements(overrides: NonNullable<DeriveOptions['machines']>): string[] {
  return compareCells(deriveTable({ runsPerVariant: 25, machines: overrides }))
    .filter((r) => !r.agrees)
    .map((r) => `${r.scenario} · ${r.capability}: ${r.derived}`);
}

describe('a changed machine breaks the table', () => {
  it('self-deploying without TPM attestation no longer "TPM authenticates"', () => {
    const noTpm = mutate(machines['self-deploying'], (c) => {
      c.states.deployment.states.deviceEsp.states.running.states.devicePreparation.initial = 'joinNetwork';
    });
    expect(disagreements({ 'self-deploying': noTpm })).toContain('self-deploying · TPM authenticates: No');
  });

  it('a remote reset that needs no admin action no longer requires IT interaction', () => {
    const noAdmin = mutate(machines.reset, (c) => {
      c.states.remote.initial = 'pendingCheckIn';
    });
    expect(disagreements({ reset: noAdmin })).toContain('reset · Deployment requires interaction by IT admin/OEM/reseller: No');
  });

  it('user-driven that skips the sign-in page no longer "User authenticates"', () => {
    const noSignIn = mutate(machines['user-driven'], (c) => {
      c.states.deployment.states.signIn.initial = 'afterAuthentication';
    });
    // Entra paths now authenticate no user; hybrid ones still do at the domain logon: the cell no longer reads "Yes".
    expect(disagreements({ 'user-driven': noSignIn }).some((d) => d.startsWith('user-driven · User authenticates:'))).toBe(true);
  });
});
