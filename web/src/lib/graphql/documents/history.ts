import { graphql } from '../generated/index.ts';

/** One metric of one resource over a range, bucketed server-side (at most 240 points). */
export const ResourceHistoryQuery = graphql(`
  query ResourceHistory($id: ID!, $metric: String!, $range: String!) {
    resource(id: $id) {
      id
      history(metric: $metric, range: $range) {
        t
        min
        max
        avg
      }
    }
  }
`);

/** The same metric for many resources in one request, for table sparklines. */
export const MetricsHistoryQuery = graphql(`
  query MetricsHistory($resourceIds: [ID!]!, $metric: String!, $range: String!) {
    metricsHistory(resourceIds: $resourceIds, metric: $metric, range: $range) {
      resourceId
      points {
        t
        avg
      }
    }
  }
`);

/** Each poll's readings of the charted metrics, appended to open charts. */
export const MetricsSampledSubscription = graphql(`
  subscription MetricsSampled($resourceIds: [ID!]!, $metrics: [String!]!) {
    metricsSampled(resourceIds: $resourceIds, metrics: $metrics) {
      at
      samples {
        resourceId
        metric
        value
      }
    }
  }
`);
