import { graphql } from '../generated/index.ts';

export const NodeConnectionFieldsFragment = graphql(`
  fragment NodeConnectionFields on NodeConnection {
    id
    type
    name
    host
    authKind
    username
    tokenId
    verifySsl
    fingerprint
    enabled
    cluster {
      name
      endpoints {
        node
        host
        online
      }
    }
    health {
      breaker
      consecutiveFailures
      lastSuccessAt
      lastError
      lastErrorAt
      stale
    }
  }
`);

/** With demoActive: the demo stops a moment after the first node is saved, not at once. */
export const NodeConnectionsQuery = graphql(`
  query NodeConnections {
    nodeConnections {
      ...NodeConnectionFields
    }
    demoActive
  }
`);

export const TestNodeConnectionMutation = graphql(`
  mutation TestNodeConnection($input: NodeConnectionInput!) {
    testNodeConnection(input: $input) {
      __typename
      ... on MutationTestNodeConnectionSuccess {
        data {
          ok
          message
          version
          clusterName
          nodeNames
          errorKind
          missingPrivilege
        }
      }
      ...ErrorFields
    }
  }
`);

export const AddNodeMutation = graphql(`
  mutation AddNode($input: NodeConnectionInput!) {
    addNode(input: $input) {
      __typename
      ... on MutationAddNodeSuccess {
        data {
          ...NodeConnectionFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const UpdateNodeMutation = graphql(`
  mutation UpdateNode($id: ID!, $input: NodeConnectionInput!) {
    updateNode(id: $id, input: $input) {
      __typename
      ... on MutationUpdateNodeSuccess {
        data {
          ...NodeConnectionFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const RemoveNodeMutation = graphql(`
  mutation RemoveNode($id: ID!) {
    removeNode(id: $id) {
      __typename
      ... on MutationRemoveNodeSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

/** The fingerprint of the certificate a host presents, to pre-fill a pin the user then checks. */
export const NodeCertificateFingerprintQuery = graphql(`
  query NodeCertificateFingerprint($type: NodeType!, $host: String!) {
    nodeCertificateFingerprint(type: $type, host: $host) {
      __typename
      ... on QueryNodeCertificateFingerprintSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);
