import { graphql } from '../generated/index.ts';

/** Everything the app shell shows about the server itself. */
export const ShellInfoQuery = graphql(`
  query ShellInfo {
    version {
      version
      build
      channel
      isDevelopment
    }
    systemSettings {
      displayName
    }
  }
`);

/** Whether the built-in demo estate is what the dashboard shows right now. */
export const DemoActiveQuery = graphql(`
  query DemoActive {
    demoActive
  }
`);
