import { graphql } from '../generated/index.ts';

/**
 * What every failed mutation answers, whatever its union: the message to show and, from a
 * ValidationError, the input it is about, so a form can put the message next to that input.
 */
export const ErrorFieldsFragment = graphql(`
  fragment ErrorFields on Error {
    code
    message
    ... on ValidationError {
      field
    }
  }
`);
