import { graphql } from '../generated/index.ts';

export const BackupFieldsFragment = graphql(`
  fragment BackupFields on Backup {
    id
    source
    origin
    guestId
    vmid
    guestType
    node
    storage
    volid
    createdAt
    sizeBytes
    notes
    protected
    encrypted
    verification
    format
  }
`);

export const JobFieldsFragment = graphql(`
  fragment JobFields on Job {
    id
    source
    kind
    enabled
    schedule
    storage
    lastRunAt
    lastRunState
    lastRunMessage
    nextRunAt
    comment
  }
`);

export const TaskFieldsFragment = graphql(`
  fragment TaskFields on Task {
    id
    source
    node
    type
    target
    user
    startedAt
    endedAt
    status
    message
  }
`);

/**
 * One guest's snapshots and backups. A PBS server does not know which PVE guest a snapshot
 * belongs to (its guestId is null), so its backups are matched by VMID as well.
 */
export const GuestRecordsQuery = graphql(`
  query GuestRecords($guestId: ID!, $vmid: Int!) {
    guestSnapshots(guestId: $guestId) {
      id
      name
      description
      createdAt
      includesRam
      parent
    }
    backups(guestId: $guestId) {
      ...BackupFields
    }
    pbsBackups: backups(origin: "pbs", vmid: $vmid) {
      ...BackupFields
    }
  }
`);

/** Everything the Backups page joins against the live guest list. */
export const BackupOverviewQuery = graphql(`
  query BackupOverview {
    backups {
      ...BackupFields
    }
    jobs {
      ...JobFields
    }
    tasks {
      ...TaskFields
    }
    replicationJobs {
      id
      source
      vmid
      sourceNode
      targetNode
      schedule
      lastSyncAt
      nextSyncAt
      durationSeconds
      failCount
      error
    }
  }
`);

/** Which record lists of a source a poll changed; pages showing those lists re-fetch them. */
export const RecordsChangedSubscription = graphql(`
  subscription RecordsChanged {
    recordsChanged {
      source
      kinds
    }
  }
`);
