import { graphql } from '../generated/index.ts';

export const GuestMetadataFieldsFragment = graphql(`
  fragment GuestMetadataFields on GuestMetadata {
    id
    customUrl
    description
    notes
    updatedAt
    updatedBy
  }
`);

export const GuestMetadataQuery = graphql(`
  query GuestMetadata($id: ID!) {
    guestMetadata(id: $id) {
      __typename
      ... on QueryGuestMetadataSuccess {
        data {
          ...GuestMetadataFields
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const UpdateGuestMetadataMutation = graphql(`
  mutation UpdateGuestMetadata($id: ID!, $input: GuestMetadataInput!) {
    updateGuestMetadata(id: $id, input: $input) {
      __typename
      ... on MutationUpdateGuestMetadataSuccess {
        data {
          ...GuestMetadataFields
        }
      }
      ... on Error {
        message
      }
      ... on ValidationError {
        field
      }
    }
  }
`);
