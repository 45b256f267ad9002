/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AlertFields on Alert {\n    id\n    kind\n    level\n    state\n    resourceId\n    resourceKey\n    resourceName\n    resourceType\n    node\n    message\n    value\n    threshold\n    clearThreshold\n    unit\n    startedAt\n    firedAt\n    resolvedAt\n    acknowledged {\n      by\n      at\n    }\n    monitorOnly\n    escalation\n  }\n": typeof types.AlertFieldsFragmentDoc,
    "\n  query ActiveAlerts {\n    activeAlerts {\n      ...AlertFields\n    }\n  }\n": typeof types.ActiveAlertsDocument,
    "\n  query AlertHistory($limit: Int) {\n    alertHistory(limit: $limit) {\n      ...AlertFields\n    }\n  }\n": typeof types.AlertHistoryDocument,
    "\n  subscription AlertsChanged {\n    alertsChanged {\n      type\n      alert {\n        ...AlertFields\n      }\n    }\n  }\n": typeof types.AlertsChangedDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationAcknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.AcknowledgeAlertDocument,
    "\n  mutation UnacknowledgeAlert($id: ID!) {\n    unacknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationUnacknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UnacknowledgeAlertDocument,
    "\n  query AlertConfig {\n    alertConfig\n  }\n": typeof types.AlertConfigDocument,
    "\n  mutation UpdateAlertConfig($patch: JSON!) {\n    updateAlertConfig(patch: $patch) {\n      __typename\n      ... on MutationUpdateAlertConfigSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UpdateAlertConfigDocument,
    "\n  fragment ErrorFields on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n": typeof types.ErrorFieldsFragmentDoc,
    "\n  query ResourceHistory($id: ID!, $metric: String!, $range: String!) {\n    resource(id: $id) {\n      id\n      history(metric: $metric, range: $range) {\n        t\n        min\n        max\n        avg\n      }\n    }\n  }\n": typeof types.ResourceHistoryDocument,
    "\n  query MetricsHistory($resourceIds: [ID!]!, $metric: String!, $range: String!) {\n    metricsHistory(resourceIds: $resourceIds, metric: $metric, range: $range) {\n      resourceId\n      points {\n        t\n        avg\n      }\n    }\n  }\n": typeof types.MetricsHistoryDocument,
    "\n  subscription MetricsSampled($resourceIds: [ID!]!, $metrics: [String!]!) {\n    metricsSampled(resourceIds: $resourceIds, metrics: $metrics) {\n      at\n      samples {\n        resourceId\n        metric\n        value\n      }\n    }\n  }\n": typeof types.MetricsSampledDocument,
    "\n  fragment NodeConnectionFields on NodeConnection {\n    id\n    type\n    name\n    host\n    authKind\n    username\n    tokenId\n    verifySsl\n    fingerprint\n    enabled\n    cluster {\n      name\n      endpoints {\n        node\n        host\n        online\n      }\n    }\n    health {\n      breaker\n      consecutiveFailures\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      stale\n    }\n  }\n": typeof types.NodeConnectionFieldsFragmentDoc,
    "\n  query NodeConnections {\n    nodeConnections {\n      ...NodeConnectionFields\n    }\n    demoActive\n  }\n": typeof types.NodeConnectionsDocument,
    "\n  mutation TestNodeConnection($input: NodeConnectionInput!) {\n    testNodeConnection(input: $input) {\n      __typename\n      ... on MutationTestNodeConnectionSuccess {\n        data {\n          ok\n          message\n          version\n          clusterName\n          nodeNames\n          errorKind\n          missingPrivilege\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.TestNodeConnectionDocument,
    "\n  mutation AddNode($input: NodeConnectionInput!) {\n    addNode(input: $input) {\n      __typename\n      ... on MutationAddNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.AddNodeDocument,
    "\n  mutation UpdateNode($id: ID!, $input: NodeConnectionInput!) {\n    updateNode(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UpdateNodeDocument,
    "\n  mutation RemoveNode($id: ID!) {\n    removeNode(id: $id) {\n      __typename\n      ... on MutationRemoveNodeSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RemoveNodeDocument,
    "\n  query NodeCertificateFingerprint($type: NodeType!, $host: String!) {\n    nodeCertificateFingerprint(type: $type, host: $host) {\n      __typename\n      ... on QueryNodeCertificateFingerprintSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.NodeCertificateFingerprintDocument,
    "\n  fragment EmailChannelFields on EmailChannel {\n    enabled\n    provider\n    server\n    port\n    username\n    hasPassword\n    from\n    to\n    tls\n    startTLS\n  }\n": typeof types.EmailChannelFieldsFragmentDoc,
    "\n  fragment AppriseChannelFields on AppriseChannel {\n    enabled\n    mode\n    targets\n    serverUrl\n    configKey\n    hasApiKey\n    timeoutSeconds\n  }\n": typeof types.AppriseChannelFieldsFragmentDoc,
    "\n  fragment WebhookFields on Webhook {\n    id\n    name\n    url\n    service\n    enabled\n    template\n    mention\n    customFields {\n      name\n      value\n    }\n  }\n": typeof types.WebhookFieldsFragmentDoc,
    "\n  fragment NotificationTestResultFields on NotificationTestResult {\n    success\n    statusCode\n    error\n  }\n": typeof types.NotificationTestResultFieldsFragmentDoc,
    "\n  query NotificationChannels {\n    notificationChannels {\n      email {\n        ...EmailChannelFields\n      }\n      apprise {\n        ...AppriseChannelFields\n      }\n      webhooks {\n        ...WebhookFields\n      }\n    }\n    emailProviders {\n      name\n      server\n      port\n      tls\n      startTLS\n      instructions\n    }\n    webhookTemplates {\n      service\n      name\n      urlPattern\n      instructions\n    }\n  }\n": typeof types.NotificationChannelsDocument,
    "\n  query NotificationDelivery {\n    notificationHealth {\n      status\n      reasons\n      workerRunning\n    }\n    notificationQueue {\n      stats {\n        pending\n        sending\n        sent\n        failed\n        deadLetters\n      }\n      deadLetters {\n        id\n        destination\n        event\n        attempts\n        lastError\n        lastStatusCode\n        completedAt\n      }\n    }\n  }\n": typeof types.NotificationDeliveryDocument,
    "\n  mutation UpdateEmailChannel($input: EmailChannelInput!) {\n    updateEmailChannel(input: $input) {\n      __typename\n      ... on MutationUpdateEmailChannelSuccess {\n        data {\n          ...EmailChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UpdateEmailChannelDocument,
    "\n  mutation TestEmailChannel($input: EmailChannelInput) {\n    testEmailChannel(input: $input) {\n      __typename\n      ... on MutationTestEmailChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.TestEmailChannelDocument,
    "\n  mutation UpdateAppriseChannel($input: AppriseChannelInput!) {\n    updateAppriseChannel(input: $input) {\n      __typename\n      ... on MutationUpdateAppriseChannelSuccess {\n        data {\n          ...AppriseChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UpdateAppriseChannelDocument,
    "\n  mutation TestAppriseChannel($input: AppriseChannelInput) {\n    testAppriseChannel(input: $input) {\n      __typename\n      ... on MutationTestAppriseChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.TestAppriseChannelDocument,
    "\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      __typename\n      ... on MutationCreateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on MutationDeleteWebhookSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      __typename\n      ... on MutationTestWebhookSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.TestWebhookDocument,
    "\n  mutation RetryDeadLetters($id: ID, $all: Boolean) {\n    retryDeadLetters(id: $id, all: $all) {\n      __typename\n      ... on MutationRetryDeadLettersSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RetryDeadLettersDocument,
    "\n  mutation DeleteDeadLetter($id: ID!) {\n    deleteDeadLetter(id: $id) {\n      __typename\n      ... on MutationDeleteDeadLetterSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.DeleteDeadLetterDocument,
    "\n  fragment BackupFields on Backup {\n    id\n    source\n    origin\n    guestId\n    vmid\n    guestType\n    node\n    storage\n    volid\n    createdAt\n    sizeBytes\n    notes\n    protected\n    encrypted\n    verification\n    format\n  }\n": typeof types.BackupFieldsFragmentDoc,
    "\n  fragment JobFields on Job {\n    id\n    source\n    kind\n    enabled\n    schedule\n    storage\n    lastRunAt\n    lastRunState\n    lastRunMessage\n    nextRunAt\n    comment\n  }\n": typeof types.JobFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    id\n    source\n    node\n    type\n    target\n    user\n    startedAt\n    endedAt\n    status\n    message\n  }\n": typeof types.TaskFieldsFragmentDoc,
    "\n  query GuestRecords($guestId: ID!, $vmid: Int!) {\n    guestSnapshots(guestId: $guestId) {\n      id\n      name\n      description\n      createdAt\n      includesRam\n      parent\n    }\n    backups(guestId: $guestId) {\n      ...BackupFields\n    }\n    pbsBackups: backups(origin: \"pbs\", vmid: $vmid) {\n      ...BackupFields\n    }\n  }\n": typeof types.GuestRecordsDocument,
    "\n  query BackupOverview {\n    backups {\n      ...BackupFields\n    }\n    jobs {\n      ...JobFields\n    }\n    tasks {\n      ...TaskFields\n    }\n    replicationJobs {\n      id\n      source\n      vmid\n      sourceNode\n      targetNode\n      schedule\n      lastSyncAt\n      nextSyncAt\n      durationSeconds\n      failCount\n      error\n    }\n  }\n": typeof types.BackupOverviewDocument,
    "\n  subscription RecordsChanged {\n    recordsChanged {\n      source\n      kinds\n    }\n  }\n": typeof types.RecordsChangedDocument,
    "\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      ...UsageFields\n    }\n    disk {\n      ...UsageFields\n    }\n    network {\n      inBytesPerSecond\n      outBytesPerSecond\n    }\n    diskIo {\n      readBytesPerSecond\n      writeBytesPerSecond\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n      cpuModel\n      loadAverage\n      pveVersion\n      kernelVersion\n      cluster\n      swap {\n        ...UsageFields\n      }\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Container {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Storage {\n      storageType\n      shared\n      active\n      enabled\n      content\n      storageNode: node\n    }\n    ... on PhysicalDisk {\n      node\n      devPath\n      model\n      serial\n      diskType\n      sizeBytes\n      smartHealth\n      wearoutPercent\n      usedBy\n    }\n    ... on CephCluster {\n      health\n      healthMessages\n      monitorCount\n      osdCount\n      osdsUp\n      osdsIn\n      placementGroupCount\n    }\n    ... on PbsInstance {\n      version\n      datastoreCount\n    }\n    ... on PbsDatastore {\n      deduplicationFactor\n      groupCount\n      snapshotCount\n      estimatedFullAt\n      gcLastRunAt\n      gcLastRunState\n      error\n    }\n    ... on PmgInstance {\n      version\n      mail {\n        incoming\n        outgoing\n        spamIncoming\n        spamOutgoing\n        virusIncoming\n        virusOutgoing\n        bouncesIncoming\n        bouncesOutgoing\n        bytesIncoming\n        bytesOutgoing\n        total\n      }\n      queues {\n        active\n        deferred\n        hold\n        incoming\n        total\n      }\n      quarantine {\n        spamCount\n        spamMegabytes\n        virusCount\n        virusMegabytes\n      }\n    }\n  }\n": typeof types.ResourceFieldsFragmentDoc,
    "\n  fragment UsageFields on Usage {\n    usedBytes\n    totalBytes\n    fraction\n  }\n": typeof types.UsageFieldsFragmentDoc,
    "\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n": typeof types.ResourcesSnapshotDocument,
    "\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n": typeof types.ResourcesChangedDocument,
    "\n  query Session {\n    securityStatus {\n      configured\n      requiresSetup\n      bootstrapTokenPath\n      proxyAuth\n      proxyLogoutUrl\n      oidcEnabled\n      hideLocalLogin\n      demoVisible\n      authenticated\n    }\n    me {\n      name\n      kind\n      role\n      method\n      scopes\n      canManage\n      canAcknowledge\n    }\n  }\n": typeof types.SessionDocument,
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    hint\n    scopes\n    source\n    createdAt\n    expiresAt\n    lastUsedAt\n    lastUsedIp\n  }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      __typename\n      ... on QueryApiTokensSuccess {\n        data {\n          ...ApiTokenFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: NewApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on MutationCreateApiTokenSuccess {\n        data {\n          token\n          record {\n            ...ApiTokenFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on MutationRevokeApiTokenSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RevokeApiTokenDocument,
    "\n  query MySessions {\n    mySessions {\n      __typename\n      ... on QueryMySessionsSuccess {\n        data {\n          id\n          method\n          createdAt\n          lastSeenAt\n          expiresAt\n          ip\n          userAgent\n          current\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on MutationRevokeSessionSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.RevokeSessionDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    sequence\n    timestamp\n    event\n    user\n    ip\n    path\n    success\n    details\n  }\n": typeof types.AuditEventFieldsFragmentDoc,
    "\n  query AuditEvents($filter: AuditFilter) {\n    auditEvents(filter: $filter) {\n      __typename\n      ... on QueryAuditEventsSuccess {\n        data {\n          total\n          events {\n            ...AuditEventFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.AuditEventsDocument,
    "\n  fragment AuditVerificationFields on AuditVerification {\n    id\n    sequence\n    valid\n    chainValid\n    reason\n  }\n": typeof types.AuditVerificationFieldsFragmentDoc,
    "\n  query VerifyAuditEvent($id: ID!) {\n    verifyAuditEvent(id: $id) {\n      __typename\n      ... on QueryVerifyAuditEventSuccess {\n        data {\n          ...AuditVerificationFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.VerifyAuditEventDocument,
    "\n  query VerifyAuditLog {\n    verifyAuditLog {\n      __typename\n      ... on QueryVerifyAuditLogSuccess {\n        data {\n          ok\n          checked\n          firstBroken {\n            ...AuditVerificationFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": typeof types.VerifyAuditLogDocument,
    "\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n": typeof types.ShellInfoDocument,
    "\n  query DemoActive {\n    demoActive\n  }\n": typeof types.DemoActiveDocument,
};
const documents: Documents = {
    "\n  fragment AlertFields on Alert {\n    id\n    kind\n    level\n    state\n    resourceId\n    resourceKey\n    resourceName\n    resourceType\n    node\n    message\n    value\n    threshold\n    clearThreshold\n    unit\n    startedAt\n    firedAt\n    resolvedAt\n    acknowledged {\n      by\n      at\n    }\n    monitorOnly\n    escalation\n  }\n": types.AlertFieldsFragmentDoc,
    "\n  query ActiveAlerts {\n    activeAlerts {\n      ...AlertFields\n    }\n  }\n": types.ActiveAlertsDocument,
    "\n  query AlertHistory($limit: Int) {\n    alertHistory(limit: $limit) {\n      ...AlertFields\n    }\n  }\n": types.AlertHistoryDocument,
    "\n  subscription AlertsChanged {\n    alertsChanged {\n      type\n      alert {\n        ...AlertFields\n      }\n    }\n  }\n": types.AlertsChangedDocument,
    "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationAcknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.AcknowledgeAlertDocument,
    "\n  mutation UnacknowledgeAlert($id: ID!) {\n    unacknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationUnacknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UnacknowledgeAlertDocument,
    "\n  query AlertConfig {\n    alertConfig\n  }\n": types.AlertConfigDocument,
    "\n  mutation UpdateAlertConfig($patch: JSON!) {\n    updateAlertConfig(patch: $patch) {\n      __typename\n      ... on MutationUpdateAlertConfigSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.UpdateAlertConfigDocument,
    "\n  fragment ErrorFields on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n": types.ErrorFieldsFragmentDoc,
    "\n  query ResourceHistory($id: ID!, $metric: String!, $range: String!) {\n    resource(id: $id) {\n      id\n      history(metric: $metric, range: $range) {\n        t\n        min\n        max\n        avg\n      }\n    }\n  }\n": types.ResourceHistoryDocument,
    "\n  query MetricsHistory($resourceIds: [ID!]!, $metric: String!, $range: String!) {\n    metricsHistory(resourceIds: $resourceIds, metric: $metric, range: $range) {\n      resourceId\n      points {\n        t\n        avg\n      }\n    }\n  }\n": types.MetricsHistoryDocument,
    "\n  subscription MetricsSampled($resourceIds: [ID!]!, $metrics: [String!]!) {\n    metricsSampled(resourceIds: $resourceIds, metrics: $metrics) {\n      at\n      samples {\n        resourceId\n        metric\n        value\n      }\n    }\n  }\n": types.MetricsSampledDocument,
    "\n  fragment NodeConnectionFields on NodeConnection {\n    id\n    type\n    name\n    host\n    authKind\n    username\n    tokenId\n    verifySsl\n    fingerprint\n    enabled\n    cluster {\n      name\n      endpoints {\n        node\n        host\n        online\n      }\n    }\n    health {\n      breaker\n      consecutiveFailures\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      stale\n    }\n  }\n": types.NodeConnectionFieldsFragmentDoc,
    "\n  query NodeConnections {\n    nodeConnections {\n      ...NodeConnectionFields\n    }\n    demoActive\n  }\n": types.NodeConnectionsDocument,
    "\n  mutation TestNodeConnection($input: NodeConnectionInput!) {\n    testNodeConnection(input: $input) {\n      __typename\n      ... on MutationTestNodeConnectionSuccess {\n        data {\n          ok\n          message\n          version\n          clusterName\n          nodeNames\n          errorKind\n          missingPrivilege\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.TestNodeConnectionDocument,
    "\n  mutation AddNode($input: NodeConnectionInput!) {\n    addNode(input: $input) {\n      __typename\n      ... on MutationAddNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.AddNodeDocument,
    "\n  mutation UpdateNode($id: ID!, $input: NodeConnectionInput!) {\n    updateNode(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UpdateNodeDocument,
    "\n  mutation RemoveNode($id: ID!) {\n    removeNode(id: $id) {\n      __typename\n      ... on MutationRemoveNodeSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.RemoveNodeDocument,
    "\n  query NodeCertificateFingerprint($type: NodeType!, $host: String!) {\n    nodeCertificateFingerprint(type: $type, host: $host) {\n      __typename\n      ... on QueryNodeCertificateFingerprintSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.NodeCertificateFingerprintDocument,
    "\n  fragment EmailChannelFields on EmailChannel {\n    enabled\n    provider\n    server\n    port\n    username\n    hasPassword\n    from\n    to\n    tls\n    startTLS\n  }\n": types.EmailChannelFieldsFragmentDoc,
    "\n  fragment AppriseChannelFields on AppriseChannel {\n    enabled\n    mode\n    targets\n    serverUrl\n    configKey\n    hasApiKey\n    timeoutSeconds\n  }\n": types.AppriseChannelFieldsFragmentDoc,
    "\n  fragment WebhookFields on Webhook {\n    id\n    name\n    url\n    service\n    enabled\n    template\n    mention\n    customFields {\n      name\n      value\n    }\n  }\n": types.WebhookFieldsFragmentDoc,
    "\n  fragment NotificationTestResultFields on NotificationTestResult {\n    success\n    statusCode\n    error\n  }\n": types.NotificationTestResultFieldsFragmentDoc,
    "\n  query NotificationChannels {\n    notificationChannels {\n      email {\n        ...EmailChannelFields\n      }\n      apprise {\n        ...AppriseChannelFields\n      }\n      webhooks {\n        ...WebhookFields\n      }\n    }\n    emailProviders {\n      name\n      server\n      port\n      tls\n      startTLS\n      instructions\n    }\n    webhookTemplates {\n      service\n      name\n      urlPattern\n      instructions\n    }\n  }\n": types.NotificationChannelsDocument,
    "\n  query NotificationDelivery {\n    notificationHealth {\n      status\n      reasons\n      workerRunning\n    }\n    notificationQueue {\n      stats {\n        pending\n        sending\n        sent\n        failed\n        deadLetters\n      }\n      deadLetters {\n        id\n        destination\n        event\n        attempts\n        lastError\n        lastStatusCode\n        completedAt\n      }\n    }\n  }\n": types.NotificationDeliveryDocument,
    "\n  mutation UpdateEmailChannel($input: EmailChannelInput!) {\n    updateEmailChannel(input: $input) {\n      __typename\n      ... on MutationUpdateEmailChannelSuccess {\n        data {\n          ...EmailChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UpdateEmailChannelDocument,
    "\n  mutation TestEmailChannel($input: EmailChannelInput) {\n    testEmailChannel(input: $input) {\n      __typename\n      ... on MutationTestEmailChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.TestEmailChannelDocument,
    "\n  mutation UpdateAppriseChannel($input: AppriseChannelInput!) {\n    updateAppriseChannel(input: $input) {\n      __typename\n      ... on MutationUpdateAppriseChannelSuccess {\n        data {\n          ...AppriseChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UpdateAppriseChannelDocument,
    "\n  mutation TestAppriseChannel($input: AppriseChannelInput) {\n    testAppriseChannel(input: $input) {\n      __typename\n      ... on MutationTestAppriseChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.TestAppriseChannelDocument,
    "\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      __typename\n      ... on MutationCreateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.UpdateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on MutationDeleteWebhookSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.DeleteWebhookDocument,
    "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      __typename\n      ... on MutationTestWebhookSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.TestWebhookDocument,
    "\n  mutation RetryDeadLetters($id: ID, $all: Boolean) {\n    retryDeadLetters(id: $id, all: $all) {\n      __typename\n      ... on MutationRetryDeadLettersSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.RetryDeadLettersDocument,
    "\n  mutation DeleteDeadLetter($id: ID!) {\n    deleteDeadLetter(id: $id) {\n      __typename\n      ... on MutationDeleteDeadLetterSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.DeleteDeadLetterDocument,
    "\n  fragment BackupFields on Backup {\n    id\n    source\n    origin\n    guestId\n    vmid\n    guestType\n    node\n    storage\n    volid\n    createdAt\n    sizeBytes\n    notes\n    protected\n    encrypted\n    verification\n    format\n  }\n": types.BackupFieldsFragmentDoc,
    "\n  fragment JobFields on Job {\n    id\n    source\n    kind\n    enabled\n    schedule\n    storage\n    lastRunAt\n    lastRunState\n    lastRunMessage\n    nextRunAt\n    comment\n  }\n": types.JobFieldsFragmentDoc,
    "\n  fragment TaskFields on Task {\n    id\n    source\n    node\n    type\n    target\n    user\n    startedAt\n    endedAt\n    status\n    message\n  }\n": types.TaskFieldsFragmentDoc,
    "\n  query GuestRecords($guestId: ID!, $vmid: Int!) {\n    guestSnapshots(guestId: $guestId) {\n      id\n      name\n      description\n      createdAt\n      includesRam\n      parent\n    }\n    backups(guestId: $guestId) {\n      ...BackupFields\n    }\n    pbsBackups: backups(origin: \"pbs\", vmid: $vmid) {\n      ...BackupFields\n    }\n  }\n": types.GuestRecordsDocument,
    "\n  query BackupOverview {\n    backups {\n      ...BackupFields\n    }\n    jobs {\n      ...JobFields\n    }\n    tasks {\n      ...TaskFields\n    }\n    replicationJobs {\n      id\n      source\n      vmid\n      sourceNode\n      targetNode\n      schedule\n      lastSyncAt\n      nextSyncAt\n      durationSeconds\n      failCount\n      error\n    }\n  }\n": types.BackupOverviewDocument,
    "\n  subscription RecordsChanged {\n    recordsChanged {\n      source\n      kinds\n    }\n  }\n": types.RecordsChangedDocument,
    "\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      ...UsageFields\n    }\n    disk {\n      ...UsageFields\n    }\n    network {\n      inBytesPerSecond\n      outBytesPerSecond\n    }\n    diskIo {\n      readBytesPerSecond\n      writeBytesPerSecond\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n      cpuModel\n      loadAverage\n      pveVersion\n      kernelVersion\n      cluster\n      swap {\n        ...UsageFields\n      }\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Container {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Storage {\n      storageType\n      shared\n      active\n      enabled\n      content\n      storageNode: node\n    }\n    ... on PhysicalDisk {\n      node\n      devPath\n      model\n      serial\n      diskType\n      sizeBytes\n      smartHealth\n      wearoutPercent\n      usedBy\n    }\n    ... on CephCluster {\n      health\n      healthMessages\n      monitorCount\n      osdCount\n      osdsUp\n      osdsIn\n      placementGroupCount\n    }\n    ... on PbsInstance {\n      version\n      datastoreCount\n    }\n    ... on PbsDatastore {\n      deduplicationFactor\n      groupCount\n      snapshotCount\n      estimatedFullAt\n      gcLastRunAt\n      gcLastRunState\n      error\n    }\n    ... on PmgInstance {\n      version\n      mail {\n        incoming\n        outgoing\n        spamIncoming\n        spamOutgoing\n        virusIncoming\n        virusOutgoing\n        bouncesIncoming\n        bouncesOutgoing\n        bytesIncoming\n        bytesOutgoing\n        total\n      }\n      queues {\n        active\n        deferred\n        hold\n        incoming\n        total\n      }\n      quarantine {\n        spamCount\n        spamMegabytes\n        virusCount\n        virusMegabytes\n      }\n    }\n  }\n": types.ResourceFieldsFragmentDoc,
    "\n  fragment UsageFields on Usage {\n    usedBytes\n    totalBytes\n    fraction\n  }\n": types.UsageFieldsFragmentDoc,
    "\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n": types.ResourcesSnapshotDocument,
    "\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n": types.ResourcesChangedDocument,
    "\n  query Session {\n    securityStatus {\n      configured\n      requiresSetup\n      bootstrapTokenPath\n      proxyAuth\n      proxyLogoutUrl\n      oidcEnabled\n      hideLocalLogin\n      demoVisible\n      authenticated\n    }\n    me {\n      name\n      kind\n      role\n      method\n      scopes\n      canManage\n      canAcknowledge\n    }\n  }\n": types.SessionDocument,
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    hint\n    scopes\n    source\n    createdAt\n    expiresAt\n    lastUsedAt\n    lastUsedIp\n  }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  query ApiTokens {\n    apiTokens {\n      __typename\n      ... on QueryApiTokensSuccess {\n        data {\n          ...ApiTokenFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.ApiTokensDocument,
    "\n  mutation CreateApiToken($input: NewApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on MutationCreateApiTokenSuccess {\n        data {\n          token\n          record {\n            ...ApiTokenFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.CreateApiTokenDocument,
    "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on MutationRevokeApiTokenSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.RevokeApiTokenDocument,
    "\n  query MySessions {\n    mySessions {\n      __typename\n      ... on QueryMySessionsSuccess {\n        data {\n          id\n          method\n          createdAt\n          lastSeenAt\n          expiresAt\n          ip\n          userAgent\n          current\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.MySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on MutationRevokeSessionSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n": types.RevokeSessionDocument,
    "\n  fragment AuditEventFields on AuditEvent {\n    id\n    sequence\n    timestamp\n    event\n    user\n    ip\n    path\n    success\n    details\n  }\n": types.AuditEventFieldsFragmentDoc,
    "\n  query AuditEvents($filter: AuditFilter) {\n    auditEvents(filter: $filter) {\n      __typename\n      ... on QueryAuditEventsSuccess {\n        data {\n          total\n          events {\n            ...AuditEventFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.AuditEventsDocument,
    "\n  fragment AuditVerificationFields on AuditVerification {\n    id\n    sequence\n    valid\n    chainValid\n    reason\n  }\n": types.AuditVerificationFieldsFragmentDoc,
    "\n  query VerifyAuditEvent($id: ID!) {\n    verifyAuditEvent(id: $id) {\n      __typename\n      ... on QueryVerifyAuditEventSuccess {\n        data {\n          ...AuditVerificationFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.VerifyAuditEventDocument,
    "\n  query VerifyAuditLog {\n    verifyAuditLog {\n      __typename\n      ... on QueryVerifyAuditLogSuccess {\n        data {\n          ok\n          checked\n          firstBroken {\n            ...AuditVerificationFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n": types.VerifyAuditLogDocument,
    "\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n": types.ShellInfoDocument,
    "\n  query DemoActive {\n    demoActive\n  }\n": types.DemoActiveDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertFields on Alert {\n    id\n    kind\n    level\n    state\n    resourceId\n    resourceKey\n    resourceName\n    resourceType\n    node\n    message\n    value\n    threshold\n    clearThreshold\n    unit\n    startedAt\n    firedAt\n    resolvedAt\n    acknowledged {\n      by\n      at\n    }\n    monitorOnly\n    escalation\n  }\n"): (typeof documents)["\n  fragment AlertFields on Alert {\n    id\n    kind\n    level\n    state\n    resourceId\n    resourceKey\n    resourceName\n    resourceType\n    node\n    message\n    value\n    threshold\n    clearThreshold\n    unit\n    startedAt\n    firedAt\n    resolvedAt\n    acknowledged {\n      by\n      at\n    }\n    monitorOnly\n    escalation\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveAlerts {\n    activeAlerts {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  query ActiveAlerts {\n    activeAlerts {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertHistory($limit: Int) {\n    alertHistory(limit: $limit) {\n      ...AlertFields\n    }\n  }\n"): (typeof documents)["\n  query AlertHistory($limit: Int) {\n    alertHistory(limit: $limit) {\n      ...AlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertsChanged {\n    alertsChanged {\n      type\n      alert {\n        ...AlertFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AlertsChanged {\n    alertsChanged {\n      type\n      alert {\n        ...AlertFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationAcknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeAlert($id: ID!) {\n    acknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationAcknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnacknowledgeAlert($id: ID!) {\n    unacknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationUnacknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UnacknowledgeAlert($id: ID!) {\n    unacknowledgeAlert(id: $id) {\n      __typename\n      ... on MutationUnacknowledgeAlertSuccess {\n        data {\n          ...AlertFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertConfig {\n    alertConfig\n  }\n"): (typeof documents)["\n  query AlertConfig {\n    alertConfig\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAlertConfig($patch: JSON!) {\n    updateAlertConfig(patch: $patch) {\n      __typename\n      ... on MutationUpdateAlertConfigSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAlertConfig($patch: JSON!) {\n    updateAlertConfig(patch: $patch) {\n      __typename\n      ... on MutationUpdateAlertConfigSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ErrorFields on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n"): (typeof documents)["\n  fragment ErrorFields on Error {\n    code\n    message\n    ... on ValidationError {\n      field\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResourceHistory($id: ID!, $metric: String!, $range: String!) {\n    resource(id: $id) {\n      id\n      history(metric: $metric, range: $range) {\n        t\n        min\n        max\n        avg\n      }\n    }\n  }\n"): (typeof documents)["\n  query ResourceHistory($id: ID!, $metric: String!, $range: String!) {\n    resource(id: $id) {\n      id\n      history(metric: $metric, range: $range) {\n        t\n        min\n        max\n        avg\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricsHistory($resourceIds: [ID!]!, $metric: String!, $range: String!) {\n    metricsHistory(resourceIds: $resourceIds, metric: $metric, range: $range) {\n      resourceId\n      points {\n        t\n        avg\n      }\n    }\n  }\n"): (typeof documents)["\n  query MetricsHistory($resourceIds: [ID!]!, $metric: String!, $range: String!) {\n    metricsHistory(resourceIds: $resourceIds, metric: $metric, range: $range) {\n      resourceId\n      points {\n        t\n        avg\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MetricsSampled($resourceIds: [ID!]!, $metrics: [String!]!) {\n    metricsSampled(resourceIds: $resourceIds, metrics: $metrics) {\n      at\n      samples {\n        resourceId\n        metric\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MetricsSampled($resourceIds: [ID!]!, $metrics: [String!]!) {\n    metricsSampled(resourceIds: $resourceIds, metrics: $metrics) {\n      at\n      samples {\n        resourceId\n        metric\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NodeConnectionFields on NodeConnection {\n    id\n    type\n    name\n    host\n    authKind\n    username\n    tokenId\n    verifySsl\n    fingerprint\n    enabled\n    cluster {\n      name\n      endpoints {\n        node\n        host\n        online\n      }\n    }\n    health {\n      breaker\n      consecutiveFailures\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      stale\n    }\n  }\n"): (typeof documents)["\n  fragment NodeConnectionFields on NodeConnection {\n    id\n    type\n    name\n    host\n    authKind\n    username\n    tokenId\n    verifySsl\n    fingerprint\n    enabled\n    cluster {\n      name\n      endpoints {\n        node\n        host\n        online\n      }\n    }\n    health {\n      breaker\n      consecutiveFailures\n      lastSuccessAt\n      lastError\n      lastErrorAt\n      stale\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeConnections {\n    nodeConnections {\n      ...NodeConnectionFields\n    }\n    demoActive\n  }\n"): (typeof documents)["\n  query NodeConnections {\n    nodeConnections {\n      ...NodeConnectionFields\n    }\n    demoActive\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestNodeConnection($input: NodeConnectionInput!) {\n    testNodeConnection(input: $input) {\n      __typename\n      ... on MutationTestNodeConnectionSuccess {\n        data {\n          ok\n          message\n          version\n          clusterName\n          nodeNames\n          errorKind\n          missingPrivilege\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation TestNodeConnection($input: NodeConnectionInput!) {\n    testNodeConnection(input: $input) {\n      __typename\n      ... on MutationTestNodeConnectionSuccess {\n        data {\n          ok\n          message\n          version\n          clusterName\n          nodeNames\n          errorKind\n          missingPrivilege\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddNode($input: NodeConnectionInput!) {\n    addNode(input: $input) {\n      __typename\n      ... on MutationAddNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddNode($input: NodeConnectionInput!) {\n    addNode(input: $input) {\n      __typename\n      ... on MutationAddNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNode($id: ID!, $input: NodeConnectionInput!) {\n    updateNode(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNode($id: ID!, $input: NodeConnectionInput!) {\n    updateNode(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateNodeSuccess {\n        data {\n          ...NodeConnectionFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveNode($id: ID!) {\n    removeNode(id: $id) {\n      __typename\n      ... on MutationRemoveNodeSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveNode($id: ID!) {\n    removeNode(id: $id) {\n      __typename\n      ... on MutationRemoveNodeSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeCertificateFingerprint($type: NodeType!, $host: String!) {\n    nodeCertificateFingerprint(type: $type, host: $host) {\n      __typename\n      ... on QueryNodeCertificateFingerprintSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query NodeCertificateFingerprint($type: NodeType!, $host: String!) {\n    nodeCertificateFingerprint(type: $type, host: $host) {\n      __typename\n      ... on QueryNodeCertificateFingerprintSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EmailChannelFields on EmailChannel {\n    enabled\n    provider\n    server\n    port\n    username\n    hasPassword\n    from\n    to\n    tls\n    startTLS\n  }\n"): (typeof documents)["\n  fragment EmailChannelFields on EmailChannel {\n    enabled\n    provider\n    server\n    port\n    username\n    hasPassword\n    from\n    to\n    tls\n    startTLS\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppriseChannelFields on AppriseChannel {\n    enabled\n    mode\n    targets\n    serverUrl\n    configKey\n    hasApiKey\n    timeoutSeconds\n  }\n"): (typeof documents)["\n  fragment AppriseChannelFields on AppriseChannel {\n    enabled\n    mode\n    targets\n    serverUrl\n    configKey\n    hasApiKey\n    timeoutSeconds\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookFields on Webhook {\n    id\n    name\n    url\n    service\n    enabled\n    template\n    mention\n    customFields {\n      name\n      value\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookFields on Webhook {\n    id\n    name\n    url\n    service\n    enabled\n    template\n    mention\n    customFields {\n      name\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationTestResultFields on NotificationTestResult {\n    success\n    statusCode\n    error\n  }\n"): (typeof documents)["\n  fragment NotificationTestResultFields on NotificationTestResult {\n    success\n    statusCode\n    error\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationChannels {\n    notificationChannels {\n      email {\n        ...EmailChannelFields\n      }\n      apprise {\n        ...AppriseChannelFields\n      }\n      webhooks {\n        ...WebhookFields\n      }\n    }\n    emailProviders {\n      name\n      server\n      port\n      tls\n      startTLS\n      instructions\n    }\n    webhookTemplates {\n      service\n      name\n      urlPattern\n      instructions\n    }\n  }\n"): (typeof documents)["\n  query NotificationChannels {\n    notificationChannels {\n      email {\n        ...EmailChannelFields\n      }\n      apprise {\n        ...AppriseChannelFields\n      }\n      webhooks {\n        ...WebhookFields\n      }\n    }\n    emailProviders {\n      name\n      server\n      port\n      tls\n      startTLS\n      instructions\n    }\n    webhookTemplates {\n      service\n      name\n      urlPattern\n      instructions\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationDelivery {\n    notificationHealth {\n      status\n      reasons\n      workerRunning\n    }\n    notificationQueue {\n      stats {\n        pending\n        sending\n        sent\n        failed\n        deadLetters\n      }\n      deadLetters {\n        id\n        destination\n        event\n        attempts\n        lastError\n        lastStatusCode\n        completedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationDelivery {\n    notificationHealth {\n      status\n      reasons\n      workerRunning\n    }\n    notificationQueue {\n      stats {\n        pending\n        sending\n        sent\n        failed\n        deadLetters\n      }\n      deadLetters {\n        id\n        destination\n        event\n        attempts\n        lastError\n        lastStatusCode\n        completedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEmailChannel($input: EmailChannelInput!) {\n    updateEmailChannel(input: $input) {\n      __typename\n      ... on MutationUpdateEmailChannelSuccess {\n        data {\n          ...EmailChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEmailChannel($input: EmailChannelInput!) {\n    updateEmailChannel(input: $input) {\n      __typename\n      ... on MutationUpdateEmailChannelSuccess {\n        data {\n          ...EmailChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestEmailChannel($input: EmailChannelInput) {\n    testEmailChannel(input: $input) {\n      __typename\n      ... on MutationTestEmailChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation TestEmailChannel($input: EmailChannelInput) {\n    testEmailChannel(input: $input) {\n      __typename\n      ... on MutationTestEmailChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAppriseChannel($input: AppriseChannelInput!) {\n    updateAppriseChannel(input: $input) {\n      __typename\n      ... on MutationUpdateAppriseChannelSuccess {\n        data {\n          ...AppriseChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAppriseChannel($input: AppriseChannelInput!) {\n    updateAppriseChannel(input: $input) {\n      __typename\n      ... on MutationUpdateAppriseChannelSuccess {\n        data {\n          ...AppriseChannelFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestAppriseChannel($input: AppriseChannelInput) {\n    testAppriseChannel(input: $input) {\n      __typename\n      ... on MutationTestAppriseChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation TestAppriseChannel($input: AppriseChannelInput) {\n    testAppriseChannel(input: $input) {\n      __typename\n      ... on MutationTestAppriseChannelSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      __typename\n      ... on MutationCreateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($input: WebhookInput!) {\n    createWebhook(input: $input) {\n      __typename\n      ... on MutationCreateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {\n    updateWebhook(id: $id, input: $input) {\n      __typename\n      ... on MutationUpdateWebhookSuccess {\n        data {\n          ...WebhookFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on MutationDeleteWebhookSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id) {\n      __typename\n      ... on MutationDeleteWebhookSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      __typename\n      ... on MutationTestWebhookSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation TestWebhook($id: ID!) {\n    testWebhook(id: $id) {\n      __typename\n      ... on MutationTestWebhookSuccess {\n        data {\n          ...NotificationTestResultFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryDeadLetters($id: ID, $all: Boolean) {\n    retryDeadLetters(id: $id, all: $all) {\n      __typename\n      ... on MutationRetryDeadLettersSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RetryDeadLetters($id: ID, $all: Boolean) {\n    retryDeadLetters(id: $id, all: $all) {\n      __typename\n      ... on MutationRetryDeadLettersSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteDeadLetter($id: ID!) {\n    deleteDeadLetter(id: $id) {\n      __typename\n      ... on MutationDeleteDeadLetterSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteDeadLetter($id: ID!) {\n    deleteDeadLetter(id: $id) {\n      __typename\n      ... on MutationDeleteDeadLetterSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BackupFields on Backup {\n    id\n    source\n    origin\n    guestId\n    vmid\n    guestType\n    node\n    storage\n    volid\n    createdAt\n    sizeBytes\n    notes\n    protected\n    encrypted\n    verification\n    format\n  }\n"): (typeof documents)["\n  fragment BackupFields on Backup {\n    id\n    source\n    origin\n    guestId\n    vmid\n    guestType\n    node\n    storage\n    volid\n    createdAt\n    sizeBytes\n    notes\n    protected\n    encrypted\n    verification\n    format\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment JobFields on Job {\n    id\n    source\n    kind\n    enabled\n    schedule\n    storage\n    lastRunAt\n    lastRunState\n    lastRunMessage\n    nextRunAt\n    comment\n  }\n"): (typeof documents)["\n  fragment JobFields on Job {\n    id\n    source\n    kind\n    enabled\n    schedule\n    storage\n    lastRunAt\n    lastRunState\n    lastRunMessage\n    nextRunAt\n    comment\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskFields on Task {\n    id\n    source\n    node\n    type\n    target\n    user\n    startedAt\n    endedAt\n    status\n    message\n  }\n"): (typeof documents)["\n  fragment TaskFields on Task {\n    id\n    source\n    node\n    type\n    target\n    user\n    startedAt\n    endedAt\n    status\n    message\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query GuestRecords($guestId: ID!, $vmid: Int!) {\n    guestSnapshots(guestId: $guestId) {\n      id\n      name\n      description\n      createdAt\n      includesRam\n      parent\n    }\n    backups(guestId: $guestId) {\n      ...BackupFields\n    }\n    pbsBackups: backups(origin: \"pbs\", vmid: $vmid) {\n      ...BackupFields\n    }\n  }\n"): (typeof documents)["\n  query GuestRecords($guestId: ID!, $vmid: Int!) {\n    guestSnapshots(guestId: $guestId) {\n      id\n      name\n      description\n      createdAt\n      includesRam\n      parent\n    }\n    backups(guestId: $guestId) {\n      ...BackupFields\n    }\n    pbsBackups: backups(origin: \"pbs\", vmid: $vmid) {\n      ...BackupFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackupOverview {\n    backups {\n      ...BackupFields\n    }\n    jobs {\n      ...JobFields\n    }\n    tasks {\n      ...TaskFields\n    }\n    replicationJobs {\n      id\n      source\n      vmid\n      sourceNode\n      targetNode\n      schedule\n      lastSyncAt\n      nextSyncAt\n      durationSeconds\n      failCount\n      error\n    }\n  }\n"): (typeof documents)["\n  query BackupOverview {\n    backups {\n      ...BackupFields\n    }\n    jobs {\n      ...JobFields\n    }\n    tasks {\n      ...TaskFields\n    }\n    replicationJobs {\n      id\n      source\n      vmid\n      sourceNode\n      targetNode\n      schedule\n      lastSyncAt\n      nextSyncAt\n      durationSeconds\n      failCount\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RecordsChanged {\n    recordsChanged {\n      source\n      kinds\n    }\n  }\n"): (typeof documents)["\n  subscription RecordsChanged {\n    recordsChanged {\n      source\n      kinds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      ...UsageFields\n    }\n    disk {\n      ...UsageFields\n    }\n    network {\n      inBytesPerSecond\n      outBytesPerSecond\n    }\n    diskIo {\n      readBytesPerSecond\n      writeBytesPerSecond\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n      cpuModel\n      loadAverage\n      pveVersion\n      kernelVersion\n      cluster\n      swap {\n        ...UsageFields\n      }\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Container {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Storage {\n      storageType\n      shared\n      active\n      enabled\n      content\n      storageNode: node\n    }\n    ... on PhysicalDisk {\n      node\n      devPath\n      model\n      serial\n      diskType\n      sizeBytes\n      smartHealth\n      wearoutPercent\n      usedBy\n    }\n    ... on CephCluster {\n      health\n      healthMessages\n      monitorCount\n      osdCount\n      osdsUp\n      osdsIn\n      placementGroupCount\n    }\n    ... on PbsInstance {\n      version\n      datastoreCount\n    }\n    ... on PbsDatastore {\n      deduplicationFactor\n      groupCount\n      snapshotCount\n      estimatedFullAt\n      gcLastRunAt\n      gcLastRunState\n      error\n    }\n    ... on PmgInstance {\n      version\n      mail {\n        incoming\n        outgoing\n        spamIncoming\n        spamOutgoing\n        virusIncoming\n        virusOutgoing\n        bouncesIncoming\n        bouncesOutgoing\n        bytesIncoming\n        bytesOutgoing\n        total\n      }\n      queues {\n        active\n        deferred\n        hold\n        incoming\n        total\n      }\n      quarantine {\n        spamCount\n        spamMegabytes\n        virusCount\n        virusMegabytes\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ResourceFields on Resource {\n    __typename\n    id\n    type\n    name\n    status\n    source\n    parentId\n    cpu\n    memory {\n      ...UsageFields\n    }\n    disk {\n      ...UsageFields\n    }\n    network {\n      inBytesPerSecond\n      outBytesPerSecond\n    }\n    diskIo {\n      readBytesPerSecond\n      writeBytesPerSecond\n    }\n    uptimeSeconds\n    tags\n    lastSeenAt\n    ... on Node {\n      cpuCount\n      cpuModel\n      loadAverage\n      pveVersion\n      kernelVersion\n      cluster\n      swap {\n        ...UsageFields\n      }\n    }\n    ... on VirtualMachine {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Container {\n      vmid\n      node\n      vcpus: cpuCount\n      template\n      osName\n      osVersion\n      haState\n      balloonBytes\n      agent\n      diskSource\n      ipAddresses\n      pool\n      lastBackupAt\n      lock\n    }\n    ... on Storage {\n      storageType\n      shared\n      active\n      enabled\n      content\n      storageNode: node\n    }\n    ... on PhysicalDisk {\n      node\n      devPath\n      model\n      serial\n      diskType\n      sizeBytes\n      smartHealth\n      wearoutPercent\n      usedBy\n    }\n    ... on CephCluster {\n      health\n      healthMessages\n      monitorCount\n      osdCount\n      osdsUp\n      osdsIn\n      placementGroupCount\n    }\n    ... on PbsInstance {\n      version\n      datastoreCount\n    }\n    ... on PbsDatastore {\n      deduplicationFactor\n      groupCount\n      snapshotCount\n      estimatedFullAt\n      gcLastRunAt\n      gcLastRunState\n      error\n    }\n    ... on PmgInstance {\n      version\n      mail {\n        incoming\n        outgoing\n        spamIncoming\n        spamOutgoing\n        virusIncoming\n        virusOutgoing\n        bouncesIncoming\n        bouncesOutgoing\n        bytesIncoming\n        bytesOutgoing\n        total\n      }\n      queues {\n        active\n        deferred\n        hold\n        incoming\n        total\n      }\n      quarantine {\n        spamCount\n        spamMegabytes\n        virusCount\n        virusMegabytes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UsageFields on Usage {\n    usedBytes\n    totalBytes\n    fraction\n  }\n"): (typeof documents)["\n  fragment UsageFields on Usage {\n    usedBytes\n    totalBytes\n    fraction\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n"): (typeof documents)["\n  query ResourcesSnapshot {\n    resourcesVersion\n    resources {\n      ...ResourceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n"): (typeof documents)["\n  subscription ResourcesChanged {\n    resourcesChanged {\n      version\n      added {\n        ...ResourceFields\n      }\n      updated {\n        changedFields\n        resource {\n          ...ResourceFields\n        }\n      }\n      removed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session {\n    securityStatus {\n      configured\n      requiresSetup\n      bootstrapTokenPath\n      proxyAuth\n      proxyLogoutUrl\n      oidcEnabled\n      hideLocalLogin\n      demoVisible\n      authenticated\n    }\n    me {\n      name\n      kind\n      role\n      method\n      scopes\n      canManage\n      canAcknowledge\n    }\n  }\n"): (typeof documents)["\n  query Session {\n    securityStatus {\n      configured\n      requiresSetup\n      bootstrapTokenPath\n      proxyAuth\n      proxyLogoutUrl\n      oidcEnabled\n      hideLocalLogin\n      demoVisible\n      authenticated\n    }\n    me {\n      name\n      kind\n      role\n      method\n      scopes\n      canManage\n      canAcknowledge\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    hint\n    scopes\n    source\n    createdAt\n    expiresAt\n    lastUsedAt\n    lastUsedIp\n  }\n"): (typeof documents)["\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    hint\n    scopes\n    source\n    createdAt\n    expiresAt\n    lastUsedAt\n    lastUsedIp\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokens {\n    apiTokens {\n      __typename\n      ... on QueryApiTokensSuccess {\n        data {\n          ...ApiTokenFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query ApiTokens {\n    apiTokens {\n      __typename\n      ... on QueryApiTokensSuccess {\n        data {\n          ...ApiTokenFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiToken($input: NewApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on MutationCreateApiTokenSuccess {\n        data {\n          token\n          record {\n            ...ApiTokenFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiToken($input: NewApiTokenInput!) {\n    createApiToken(input: $input) {\n      __typename\n      ... on MutationCreateApiTokenSuccess {\n        data {\n          token\n          record {\n            ...ApiTokenFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on MutationRevokeApiTokenSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiToken($id: ID!) {\n    revokeApiToken(id: $id) {\n      __typename\n      ... on MutationRevokeApiTokenSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions {\n      __typename\n      ... on QueryMySessionsSuccess {\n        data {\n          id\n          method\n          createdAt\n          lastSeenAt\n          expiresAt\n          ip\n          userAgent\n          current\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions {\n      __typename\n      ... on QueryMySessionsSuccess {\n        data {\n          id\n          method\n          createdAt\n          lastSeenAt\n          expiresAt\n          ip\n          userAgent\n          current\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on MutationRevokeSessionSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id) {\n      __typename\n      ... on MutationRevokeSessionSuccess {\n        data\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEventFields on AuditEvent {\n    id\n    sequence\n    timestamp\n    event\n    user\n    ip\n    path\n    success\n    details\n  }\n"): (typeof documents)["\n  fragment AuditEventFields on AuditEvent {\n    id\n    sequence\n    timestamp\n    event\n    user\n    ip\n    path\n    success\n    details\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEvents($filter: AuditFilter) {\n    auditEvents(filter: $filter) {\n      __typename\n      ... on QueryAuditEventsSuccess {\n        data {\n          total\n          events {\n            ...AuditEventFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query AuditEvents($filter: AuditFilter) {\n    auditEvents(filter: $filter) {\n      __typename\n      ... on QueryAuditEventsSuccess {\n        data {\n          total\n          events {\n            ...AuditEventFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditVerificationFields on AuditVerification {\n    id\n    sequence\n    valid\n    chainValid\n    reason\n  }\n"): (typeof documents)["\n  fragment AuditVerificationFields on AuditVerification {\n    id\n    sequence\n    valid\n    chainValid\n    reason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditEvent($id: ID!) {\n    verifyAuditEvent(id: $id) {\n      __typename\n      ... on QueryVerifyAuditEventSuccess {\n        data {\n          ...AuditVerificationFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditEvent($id: ID!) {\n    verifyAuditEvent(id: $id) {\n      __typename\n      ... on QueryVerifyAuditEventSuccess {\n        data {\n          ...AuditVerificationFields\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VerifyAuditLog {\n    verifyAuditLog {\n      __typename\n      ... on QueryVerifyAuditLogSuccess {\n        data {\n          ok\n          checked\n          firstBroken {\n            ...AuditVerificationFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"): (typeof documents)["\n  query VerifyAuditLog {\n    verifyAuditLog {\n      __typename\n      ... on QueryVerifyAuditLogSuccess {\n        data {\n          ok\n          checked\n          firstBroken {\n            ...AuditVerificationFields\n          }\n        }\n      }\n      ...ErrorFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query ShellInfo {\n    version {\n      version\n      build\n      channel\n      isDevelopment\n    }\n    systemSettings {\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoActive {\n    demoActive\n  }\n"): (typeof documents)["\n  query DemoActive {\n    demoActive\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;