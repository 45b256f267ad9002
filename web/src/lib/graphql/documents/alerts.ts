import { graphql } from '../generated/index.ts';

/** What the alert tables, badges and the live store read; one shape for queries and events. */
export const AlertFieldsFragment = graphql(`
  fragment AlertFields on Alert {
    id
    kind
    level
    state
    resourceId
    resourceKey
    resourceName
    resourceType
    node
    message
    value
    threshold
    clearThreshold
    unit
    startedAt
    firedAt
    resolvedAt
    acknowledged {
      by
      at
    }
    monitorOnly
    escalation
  }
`);

export const ActiveAlertsQuery = graphql(`
  query ActiveAlerts {
    activeAlerts {
      ...AlertFields
    }
  }
`);

export const AlertHistoryQuery = graphql(`
  query AlertHistory($limit: Int) {
    alertHistory(limit: $limit) {
      ...AlertFields
    }
  }
`);

export const AlertsChangedSubscription = graphql(`
  subscription AlertsChanged {
    alertsChanged {
      type
      alert {
        ...AlertFields
      }
    }
  }
`);

export const AcknowledgeAlertMutation = graphql(`
  mutation AcknowledgeAlert($id: ID!) {
    acknowledgeAlert(id: $id) {
      __typename
      ... on MutationAcknowledgeAlertSuccess {
        data {
          ...AlertFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const UnacknowledgeAlertMutation = graphql(`
  mutation UnacknowledgeAlert($id: ID!) {
    unacknowledgeAlert(id: $id) {
      __typename
      ... on MutationUnacknowledgeAlertSuccess {
        data {
          ...AlertFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const AlertConfigQuery = graphql(`
  query AlertConfig {
    alertConfig
  }
`);

export const UpdateAlertConfigMutation = graphql(`
  mutation UpdateAlertConfig($patch: JSON!) {
    updateAlertConfig(patch: $patch) {
      __typename
      ... on MutationUpdateAlertConfigSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);
