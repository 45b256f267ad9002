import { graphql } from '../generated/index.ts';

/** One question: the answer's text in pieces, tool progress, then usage and the saved id. */
export const AiChatSubscription = graphql(`
  subscription AiChat($input: AiChatInput!) {
    aiChat(input: $input) {
      __typename
      ... on AiChatStarted {
        conversationId
      }
      ... on AiChatText {
        delta
      }
      ... on AiChatTool {
        phase
        name
        ok
      }
      ... on AiChatDone {
        conversationId
        usage {
          inputTokens
          outputTokens
          costUsd
          model
        }
      }
    }
  }
`);

export const AiConversationFieldsFragment = graphql(`
  fragment AiConversationFields on AiConversation {
    id
    title
    resourceId
    createdAt
    updatedAt
  }
`);

export const AiConversationsQuery = graphql(`
  query AiConversations {
    aiConversations {
      ...AiConversationFields
    }
  }
`);

export const AiConversationQuery = graphql(`
  query AiConversation($id: ID!) {
    aiConversation(id: $id) {
      __typename
      ... on QueryAiConversationSuccess {
        data {
          conversation {
            ...AiConversationFields
          }
          messages {
            role
            content
            toolCalls
          }
        }
      }
      ...ErrorFields
    }
  }
`);

export const DeleteAiConversationMutation = graphql(`
  mutation DeleteAiConversation($id: ID!) {
    deleteAiConversation(id: $id) {
      __typename
      ... on MutationDeleteAiConversationSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

/** Admins only: whether the assistant is on and has a model, to point at the settings if not. */
export const AiChatReadinessQuery = graphql(`
  query AiChatReadiness {
    aiSettings {
      __typename
      ... on QueryAiSettingsSuccess {
        data {
          enabled
          model
          chatModel
        }
      }
      ...ErrorFields
    }
  }
`);
