import { graphql } from '../generated/index.ts';

/** What the AI settings form starts from; keys come back masked, never in the clear. */
export const AiSettingsFieldsFragment = graphql(`
  fragment AiSettingsFields on AiSettings {
    enabled
    anthropic {
      apiKey
      hasApiKey
      baseUrl
    }
    openai {
      apiKey
      hasApiKey
      baseUrl
    }
    openaiCompatible {
      name
      baseUrl
      apiKey
      hasApiKey
    }
    configuredProviders
    model
    chatModel
    patrolModel
    patrolIntervalMinutes
    monthlyBudgetUsd
  }
`);

export const AiSettingsQuery = graphql(`
  query AiSettings {
    aiSettings {
      __typename
      ... on QueryAiSettingsSuccess {
        data {
          ...AiSettingsFields
        }
      }
      ...ErrorFields
    }
  }
`);

/** Asked live of every saved provider: slow when one is unreachable, so loaded on its own. */
export const AiModelsQuery = graphql(`
  query AiModels {
    aiModels {
      __typename
      ... on QueryAiModelsSuccess {
        data {
          models {
            id
            provider
            name
          }
          providers {
            provider
            ok
            reason
            message
            modelCount
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const UpdateAiSettingsMutation = graphql(`
  mutation UpdateAiSettings($input: AiSettingsInput!) {
    updateAiSettings(input: $input) {
      __typename
      ... on MutationUpdateAiSettingsSuccess {
        data {
          ...AiSettingsFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const AiCostTotalsFieldsFragment = graphql(`
  fragment AiCostTotalsFields on AiCostTotals {
    calls
    inputTokens
    outputTokens
    costUsd
  }
`);

export const AiCostSummaryQuery = graphql(`
  query AiCostSummary {
    aiCostSummary {
      __typename
      ... on QueryAiCostSummarySuccess {
        data {
          thisMonth {
            ...AiCostTotalsFields
          }
          totals {
            ...AiCostTotalsFields
          }
          monthlyBudgetUsd
          budgetLeftUsd
          pricesAsOf
          lines {
            provider
            model
            feature
            calls
            inputTokens
            outputTokens
            costUsd
            unpricedCalls
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const ResetAiCostMutation = graphql(`
  mutation ResetAiCost {
    resetAiCost {
      __typename
      ... on MutationResetAiCostSuccess {
        data {
          deleted
        }
      }
      ...ErrorFields
    }
  }
`);
