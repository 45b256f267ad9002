// Runs the simulated estate in its own process for the benchmarks, so its CPU and memory
// are not counted as the server's. Prints one JSON line with the endpoints and credentials.
import { startDemoEstate } from '../../server/demo/index.ts';

const size = process.argv[2] === 'small' ? 'small' : 'large';
const estate = await startDemoEstate({ size });
process.stdout.write(
  `${JSON.stringify({ pve: estate.pve, pbs: estate.pbs, pmg: estate.pmg, credentials: estate.credentials })}\n`,
);
process.on('SIGTERM', () => {
  void estate.stop().then(() => process.exit(0));
});
