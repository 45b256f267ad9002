import { graphql } from '../generated/index.ts';

/** One finding as the patrol page lists and expands it. */
export const PatrolFindingFieldsFragment = graphql(`
  fragment PatrolFindingFields on PatrolFinding {
    id
    check
    source
    severity
    category
    resourceId
    resourceName
    resourceType
    node
    title
    description
    impact
    recommendation
    evidence
    explanation
    state
    detectedAt
    lastSeenAt
    timesRaised
    resolvedAt
    resolveReason
    autoResolved
    regressionCount
    acknowledgedAt
    acknowledgedBy
    dismissedAt
    dismissedReason
    dismissedNote
    userNote
    snoozedUntil
  }
`);

export const PatrolRunFieldsFragment = graphql(`
  fragment PatrolRunFields on PatrolRun {
    id
    trigger
    status
    startedAt
    finishedAt
    durationMs
    findingsCount
    newCount
    updatedCount
    resolvedCount
    error
    llmStatus
    llmModel
    llmNote
    inputTokens
    outputTokens
    aiFindingsCount
  }
`);

export const PatrolStatusQuery = graphql(`
  query PatrolStatus {
    patrolStatus {
      __typename
      ... on QueryPatrolStatusSuccess {
        data {
          running
          currentRunId
          intervalMinutes
          nextRunAt
          licensed
          llmPassAvailable
          llmModel
          findings
          lastRun {
            ...PatrolRunFields
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const PatrolFindingsQuery = graphql(`
  query PatrolFindings($filter: PatrolFindingFilter) {
    findings(filter: $filter) {
      __typename
      ... on QueryFindingsSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const PatrolRunsQuery = graphql(`
  query PatrolRuns($limit: Int) {
    patrolRuns(limit: $limit) {
      __typename
      ... on QueryPatrolRunsSuccess {
        data {
          ...PatrolRunFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const PatrolSuppressionsQuery = graphql(`
  query PatrolSuppressions {
    patrolSuppressions {
      __typename
      ... on QueryPatrolSuppressionsSuccess {
        data {
          id
          check
          resourcePattern
          reason
          createdBy
          createdAt
        }
      }
      ...ErrorFields
    }
  }
`);

export const PatrolEstimateQuery = graphql(`
  query PatrolEstimate {
    patrolEstimate {
      __typename
      ... on QueryPatrolEstimateSuccess {
        data {
          estimatedInputTokens
          tokenBudget
          llmModel
          llmUnavailableReason
          budgetLeftUsd
          resources {
            total
            included
          }
          findings {
            total
            included
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const RunPatrolMutation = graphql(`
  mutation RunPatrol {
    runPatrol {
      __typename
      ... on MutationRunPatrolSuccess {
        data {
          ...PatrolRunFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const PatrolProgressSubscription = graphql(`
  subscription PatrolProgress {
    patrolProgress {
      runId
      phase
      message
      findings
      run {
        ...PatrolRunFields
      }
    }
  }
`);

export const AcknowledgeFindingMutation = graphql(`
  mutation AcknowledgeFinding($id: String!) {
    acknowledgeFinding(id: $id) {
      __typename
      ... on MutationAcknowledgeFindingSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const DismissFindingMutation = graphql(`
  mutation DismissFinding($id: String!, $reason: String!, $note: String) {
    dismissFinding(id: $id, reason: $reason, note: $note) {
      __typename
      ... on MutationDismissFindingSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const ResolveFindingMutation = graphql(`
  mutation ResolveFinding($id: String!) {
    resolveFinding(id: $id) {
      __typename
      ... on MutationResolveFindingSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const ReopenFindingMutation = graphql(`
  mutation ReopenFinding($id: String!) {
    reopenFinding(id: $id) {
      __typename
      ... on MutationReopenFindingSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const NoteFindingMutation = graphql(`
  mutation NoteFinding($id: String!, $note: String) {
    noteFinding(id: $id, note: $note) {
      __typename
      ... on MutationNoteFindingSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const SnoozeFindingMutation = graphql(`
  mutation SnoozeFinding($id: String!, $until: DateTime!) {
    snoozeFinding(id: $id, until: $until) {
      __typename
      ... on MutationSnoozeFindingSuccess {
        data {
          ...PatrolFindingFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const SuppressFindingMutation = graphql(`
  mutation SuppressFinding($id: String!, $reason: String) {
    suppressFinding(id: $id, reason: $reason) {
      __typename
      ... on MutationSuppressFindingSuccess {
        data {
          id
        }
      }
      ...ErrorFields
    }
  }
`);

export const DeleteSuppressionMutation = graphql(`
  mutation DeleteSuppression($id: String!) {
    deleteSuppression(id: $id) {
      __typename
      ... on MutationDeleteSuppressionSuccess {
        data {
          id
        }
      }
      ...ErrorFields
    }
  }
`);
