import { graphql } from '../generated/index.ts';

/** The fields the resource list renders; shared by the snapshot and the deltas. */
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
      usedBytes
      totalBytes
      fraction
    }
    disk {
      usedBytes
      totalBytes
      fraction
    }
    uptimeSeconds
    tags
    lastSeenAt
    ... on Node {
      cpuCount
    }
    ... on VirtualMachine {
      vmid
      node
      cpuCount
      template
    }
    ... on Container {
      vmid
      node
      cpuCount
      template
    }
    ... on Storage {
      storageType
      shared
    }
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
