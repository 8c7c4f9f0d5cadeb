// A second Intune Connector (hybrid.connector.others) takes over when one fails (§5.4: "When one fails, requests go to
// another connector in the same domain"); the documents give no throughput per connector, and
// sharedWorld.connectorRequestsPerHour is what the domain's connectors serve together. So the fleet's capacity stays what
// the file writes, and the warning's fix says where a connector added goes: it said 'more connectors', and a second one
// written in hybrid.connector.others alone changed nothing.
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/fleet/load.ts';
import { runFleet } from '../../src/index.ts';

const fleet = (others: number) => `scenario: user-driven
devices: 400
environment:
  profile: { joinType: hybrid }
  hybrid: { dcLineOfSight: true, connector: { others: ${others} } }
sharedWorld: { connectorRequestsPerHour: 60 }
`;

describe('a second connector', () => {
  it("leaves the connector's capacity what the file writes, and the fix names both fields", async () => {
    const one = await runFleet(parseFleet('one.yaml', fleet(0)));
    const two = await runFleet(parseFleet('two.yaml', fleet(1)));
    const load = (r: typeof one) => r.loads.find((l) => l.kind === 'connector')!;
    expect(load(two).capacity).toBe(60);
    expect(two.successRate).toBe(one.successRate);
    const w = two.warnings.find((x) => x.kind === 'connector-saturated')!;
    expect(w.text).toContain('(sharedWorld.connectorRequestsPerHour, every connector of the domain together: more connectors, written there as well as in hybrid.connector.others)');
  });
});
