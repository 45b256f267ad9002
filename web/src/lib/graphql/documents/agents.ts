import { graphql } from '../generated/index.ts';

export const AgentFieldsFragment = graphql(`
  fragment AgentFields on Agent {
    id
    hostname
    version
    kinds
    removedKinds
    status
    intervalSeconds
    firstReportAt
    lastReportAt
    linkedNodeId
    tokenName
    reenrollAllowed
    config {
      commandsEnabled
      intervalSeconds
    }
  }
`);

export const AgentsQuery = graphql(`
  query Agents {
    agents {
      ...AgentFields
    }
  }
`);

export const UpdateAgentConfigMutation = graphql(`
  mutation UpdateAgentConfig($id: ID!, $input: AgentConfigInput!) {
    updateAgentConfig(id: $id, input: $input) {
      __typename
      ... on MutationUpdateAgentConfigSuccess {
        data {
          ...AgentFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const LinkAgentMutation = graphql(`
  mutation LinkAgent($id: ID!, $nodeId: ID) {
    linkAgent(id: $id, nodeId: $nodeId) {
      __typename
      ... on MutationLinkAgentSuccess {
        data {
          ...AgentFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const AllowAgentReenrollMutation = graphql(`
  mutation AllowAgentReenroll($id: ID!) {
    allowAgentReenroll(id: $id) {
      __typename
      ... on MutationAllowAgentReenrollSuccess {
        data {
          ...AgentFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const RemoveAgentKindMutation = graphql(`
  mutation RemoveAgentKind($id: ID!, $kind: AgentKind!) {
    removeAgentKind(id: $id, kind: $kind) {
      __typename
      ... on MutationRemoveAgentKindSuccess {
        data {
          ...AgentFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Removes an agent; on one already removed, forgets it. */
export const DeleteAgentMutation = graphql(`
  mutation DeleteAgent($id: ID!) {
    deleteAgent(id: $id) {
      __typename
      ... on MutationDeleteAgentSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);
