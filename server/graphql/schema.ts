import { type GraphQLSchema, lexicographicSortSchema } from 'graphql';
import { builder } from './builder.ts';
import './types/errors.ts';
import './types/system.ts';
import './types/settings.ts';
import './types/resource.ts';
import './types/pve.ts';
import './types/pbs-pmg.ts';
import './types/workloads.ts';
import './types/nodes.ts';
import './types/records.ts';
import './types/metrics.ts';
import './types/alerts.ts';
import './types/audit.ts';
import './types/security.ts';
import './types/oidc.ts';
import './types/ai-settings.ts';
import './types/patrol.ts';
import './types/patrol-estimate.ts';
import './types/ai-chat.ts';
import './types/ai-cost.ts';
import './types/guest-metadata.ts';
import './types/agents.ts';
import './types/notification-channels.ts';
import './types/notification-delivery.ts';

/** The whole schema, sorted so the printed contract diffs cleanly. */
export const schema: GraphQLSchema = lexicographicSortSchema(builder.toSchema());
