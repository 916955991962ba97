// Tests and benches serve the built app the way the CLI does.
export { startAppServer, type AppServer } from '../../src/node/app-server.ts';
