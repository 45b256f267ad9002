import pulsePackage from '../../package.json' with { type: 'json' };

/** The agent ships with Pulse (its download is built from the same tree), so it shares its version. */
export const agentVersion: string = pulsePackage.version;
