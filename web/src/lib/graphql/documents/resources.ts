import { graphql } from '../generated/index.ts';

/**
 * The fields every page renders, shared by the snapshot and the deltas so one live store serves
 * them all. A guest's `cpuCount` is read as `vcpus`, the word its pages use.
 */
export const ResourceFieldsFragment = graphql(`
  fragment ResourceFields on Resource {
    __typename
    id
    type
    name
    status
    source
    parentId
    cpu
    memory {
      ...UsageFields
    }
    disk {
      ...UsageFields
    }
    network {
      inBytesPerSecond
      outBytesPerSecond
    }
    diskIo {
      readBytesPerSecond
      writeBytesPerSecond
    }
    uptimeSeconds
    tags
    lastSeenAt
    ... on Node {
      cpuCount
      cpuModel
      loadAverage
      pveVersion
      kernelVersion
      cluster
      swap {
        ...UsageFields
      }
    }
    ... on VirtualMachine {
      vmid
      node
      vcpus: cpuCount
      template
      osName
      osVersion
      haState
      balloonBytes
      agent
      diskSource
      ipAddresses
      pool
      lastBackupAt
      lock
    }
    ... on Container {
      vmid
      node
      vcpus: cpuCount
      template
      osName
      osVersion
      haState
      balloonBytes
      agent
      diskSource
      ipAddresses
      pool
      lastBackupAt
      lock
    }
    ... on Storage {
      storageType
      shared
      active
      enabled
      content
      storageNode: node
    }
    ... on PhysicalDisk {
      node
      devPath
      model
      serial
      diskType
      sizeBytes
      smartHealth
      wearoutPercent
      usedBy
    }
    ... on CephCluster {
      health
      healthMessages
      monitorCount
      osdCount
      osdsUp
      osdsIn
      placementGroupCount
    }
    ... on PbsInstance {
      version
      datastoreCount
    }
    ... on PbsDatastore {
      deduplicationFactor
      groupCount
      snapshotCount
      estimatedFullAt
      gcLastRunAt
      gcLastRunState
      error
    }
    ... on PmgInstance {
      version
      mail {
        incoming
        outgoing
        spamIncoming
        spamOutgoing
        virusIncoming
        virusOutgoing
        bouncesIncoming
        bouncesOutgoing
        bytesIncoming
        bytesOutgoing
        total
      }
      queues {
        active
        deferred
        hold
        incoming
        total
      }
      quarantine {
        spamCount
        spamMegabytes
        virusCount
        virusMegabytes
      }
    }
  }
`);

export const UsageFieldsFragment = graphql(`
  fragment UsageFields on Usage {
    usedBytes
    totalBytes
    fraction
  }
`);

/** The full list plus the state version it was taken at, so deltas can be stitched on. */
export const ResourcesSnapshotQuery = graphql(`
  query ResourcesSnapshot {
    resourcesVersion
    resources {
      ...ResourceFields
    }
  }
`);

export const ResourcesChangedSubscription = graphql(`
  subscription ResourcesChanged {
    resourcesChanged {
      version
      added {
        ...ResourceFields
      }
      updated {
        changedFields
        resource {
          ...ResourceFields
        }
      }
      removed
    }
  }
`);
