import { graphql } from '../generated/index.ts';

/**
 * The fields every page renders, shared by the snapshot and the deltas so one live store serves
 * them all. A guest's `cpuCount` is read as `vcpus`, the word its pages use. Fields that share a
 * name with another type's but not its type are aliased (`cpuCores`, `hostSwap`,
 * `containerHealth`, `clusterName`), as one selection set cannot give a name two shapes.
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
    ... on Host {
      agentId
      agentVersion
      reportIntervalSeconds
      hostname
      platform
      osName
      osVersion
      kernelVersion
      architecture
      cpuModel
      cpuCores: cpuCount
      loadAverage
      hostSwap: swap {
        usedBytes
        totalBytes
      }
      filesystems {
        device
        mountpoint
        fsType
        totalBytes
        usedBytes
      }
      interfaces {
        name
        mac
        addresses
        rxBytesPerSecond
        txBytesPerSecond
        speedMbps
      }
      temperatures {
        sensor
        celsius
      }
      cpuTemperature
      linkedNodeId
      reportIp
    }
    ... on DockerHost {
      agentId
      agentVersion
      reportIntervalSeconds
      hostname
      runtime
      runtimeVersion
      os
      architecture
      cpuCores: cpuCount
      containerCount
      runningCount
    }
    ... on DockerContainer {
      containerId
      image
      state
      statusText
      containerHealth: health
      restartCount
      exitCode
      createdAt
      ports {
        privatePort
        publicPort
        protocol
        ip
      }
      composeProject
    }
    ... on KubernetesCluster {
      agentId
      agentVersion
      reportIntervalSeconds
      version
      server
      context
      nodeCount
      podCount
      deploymentCount
      namespaceCount
    }
    ... on KubernetesNode {
      clusterName: cluster
      ready
      unschedulable
      roles
      kubeletVersion
      containerRuntime
      osImage
      kernelVersion
      architecture
      allocatableCpuMillicores
      allocatableMemoryBytes
      podCapacity
    }
    ... on KubernetesPod {
      clusterName: cluster
      namespace
      nodeName
      phase
      reason
      message
      restarts
      readyContainers
      totalContainers
      ownerKind
      ownerName
      createdAt
    }
    ... on KubernetesDeployment {
      clusterName: cluster
      namespace
      desiredReplicas
      readyReplicas
      updatedReplicas
      availableReplicas
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
