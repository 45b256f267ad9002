import { graphql } from '../generated/index.ts';

/** Whether security is set up and who is calling: what the shell decides every route by. */
export const SessionQuery = graphql(`
  query Session {
    securityStatus {
      configured
      requiresSetup
      bootstrapTokenPath
      proxyAuth
      proxyLogoutUrl
      oidcEnabled
      hideLocalLogin
      demoVisible
      authenticated
    }
    me {
      name
      kind
      role
      method
      scopes
      canManage
      canAcknowledge
    }
  }
`);

export const ApiTokenFieldsFragment = graphql(`
  fragment ApiTokenFields on ApiToken {
    id
    name
    hint
    scopes
    source
    createdAt
    expiresAt
    lastUsedAt
    lastUsedIp
  }
`);

export const ApiTokensQuery = graphql(`
  query ApiTokens {
    apiTokens {
      __typename
      ... on QueryApiTokensSuccess {
        data {
          ...ApiTokenFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const CreateApiTokenMutation = graphql(`
  mutation CreateApiToken($input: NewApiTokenInput!) {
    createApiToken(input: $input) {
      __typename
      ... on MutationCreateApiTokenSuccess {
        data {
          token
          record {
            ...ApiTokenFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const RevokeApiTokenMutation = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      __typename
      ... on MutationRevokeApiTokenSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      __typename
      ... on QueryMySessionsSuccess {
        data {
          id
          method
          createdAt
          lastSeenAt
          expiresAt
          ip
          userAgent
          current
        }
      }
      ...ErrorFields
    }
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id) {
      __typename
      ... on MutationRevokeSessionSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

export const AuditEventFieldsFragment = graphql(`
  fragment AuditEventFields on AuditEvent {
    id
    sequence
    timestamp
    event
    user
    ip
    path
    success
    details
  }
`);

export const AuditEventsQuery = graphql(`
  query AuditEvents($filter: AuditFilter) {
    auditEvents(filter: $filter) {
      __typename
      ... on QueryAuditEventsSuccess {
        data {
          total
          events {
            ...AuditEventFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const AuditVerificationFieldsFragment = graphql(`
  fragment AuditVerificationFields on AuditVerification {
    id
    sequence
    valid
    chainValid
    reason
  }
`);

export const VerifyAuditEventQuery = graphql(`
  query VerifyAuditEvent($id: ID!) {
    verifyAuditEvent(id: $id) {
      __typename
      ... on QueryVerifyAuditEventSuccess {
        data {
          ...AuditVerificationFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const VerifyAuditLogQuery = graphql(`
  query VerifyAuditLog {
    verifyAuditLog {
      __typename
      ... on QueryVerifyAuditLogSuccess {
        data {
          ok
          checked
          firstBroken {
            ...AuditVerificationFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);
