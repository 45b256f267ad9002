import { graphql } from '../generated/index.ts';

export const EmailChannelFieldsFragment = graphql(`
  fragment EmailChannelFields on EmailChannel {
    enabled
    provider
    server
    port
    username
    hasPassword
    from
    to
    tls
    startTLS
  }
`);

export const AppriseChannelFieldsFragment = graphql(`
  fragment AppriseChannelFields on AppriseChannel {
    enabled
    mode
    targets
    serverUrl
    configKey
    hasApiKey
    timeoutSeconds
  }
`);

export const WebhookFieldsFragment = graphql(`
  fragment WebhookFields on Webhook {
    id
    name
    url
    service
    enabled
    template
    mention
    customFields {
      name
      value
    }
  }
`);

/** What a "send test" answers: delivered or not, and the upstream's status and error. */
export const NotificationTestResultFieldsFragment = graphql(`
  fragment NotificationTestResultFields on NotificationTestResult {
    success
    statusCode
    error
  }
`);

/** Everything the channel forms start from: configs (secrets masked) and the presets. */
export const NotificationChannelsQuery = graphql(`
  query NotificationChannels {
    notificationChannels {
      email {
        ...EmailChannelFields
      }
      apprise {
        ...AppriseChannelFields
      }
      webhooks {
        ...WebhookFields
      }
    }
    emailProviders {
      name
      server
      port
      tls
      startTLS
      instructions
    }
    webhookTemplates {
      service
      name
      urlPattern
      instructions
    }
  }
`);

export const NotificationDeliveryQuery = graphql(`
  query NotificationDelivery {
    notificationHealth {
      status
      reasons
      workerRunning
    }
    notificationQueue {
      stats {
        pending
        sending
        sent
        failed
        deadLetters
      }
      deadLetters {
        id
        destination
        event
        attempts
        lastError
        lastStatusCode
        completedAt
      }
    }
  }
`);

export const UpdateEmailChannelMutation = graphql(`
  mutation UpdateEmailChannel($input: EmailChannelInput!) {
    updateEmailChannel(input: $input) {
      __typename
      ... on MutationUpdateEmailChannelSuccess {
        data {
          ...EmailChannelFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const TestEmailChannelMutation = graphql(`
  mutation TestEmailChannel($input: EmailChannelInput) {
    testEmailChannel(input: $input) {
      __typename
      ... on MutationTestEmailChannelSuccess {
        data {
          ...NotificationTestResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const UpdateAppriseChannelMutation = graphql(`
  mutation UpdateAppriseChannel($input: AppriseChannelInput!) {
    updateAppriseChannel(input: $input) {
      __typename
      ... on MutationUpdateAppriseChannelSuccess {
        data {
          ...AppriseChannelFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const TestAppriseChannelMutation = graphql(`
  mutation TestAppriseChannel($input: AppriseChannelInput) {
    testAppriseChannel(input: $input) {
      __typename
      ... on MutationTestAppriseChannelSuccess {
        data {
          ...NotificationTestResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: WebhookInput!) {
    createWebhook(input: $input) {
      __typename
      ... on MutationCreateWebhookSuccess {
        data {
          ...WebhookFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const UpdateWebhookMutation = graphql(`
  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      __typename
      ... on MutationUpdateWebhookSuccess {
        data {
          ...WebhookFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id) {
      __typename
      ... on MutationDeleteWebhookSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

export const TestWebhookMutation = graphql(`
  mutation TestWebhook($id: ID!) {
    testWebhook(id: $id) {
      __typename
      ... on MutationTestWebhookSuccess {
        data {
          ...NotificationTestResultFields
        }
      }
      ...ErrorFields
    }
  }
`);

export const RetryDeadLettersMutation = graphql(`
  mutation RetryDeadLetters($id: ID, $all: Boolean) {
    retryDeadLetters(id: $id, all: $all) {
      __typename
      ... on MutationRetryDeadLettersSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);

export const DeleteDeadLetterMutation = graphql(`
  mutation DeleteDeadLetter($id: ID!) {
    deleteDeadLetter(id: $id) {
      __typename
      ... on MutationDeleteDeadLetterSuccess {
        data
      }
      ...ErrorFields
    }
  }
`);
