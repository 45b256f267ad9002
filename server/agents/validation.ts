import type { z } from 'zod';
import type { AgentKind } from '../access/abilities.ts';
import { ValidationError } from '../errors.ts';
import {
  type DockerReport,
  dockerReportSchema,
  type HostReport,
  hostReportSchema,
  type KubernetesReport,
  kubernetesReportSchema,
} from './reports.ts';

export interface ReportOf {
  host: HostReport;
  docker: DockerReport;
  kubernetes: KubernetesReport;
}

const schemas: { [K in AgentKind]: z.ZodType<ReportOf[K]> } = {
  host: hostReportSchema,
  docker: dockerReportSchema,
  kubernetes: kubernetesReportSchema,
};

/** `host.hostname: Too small…`: the path of the field at fault first, as people read it. */
export function describeIssue(issue: z.core.$ZodIssue | undefined): {
  message: string;
  field: string | null;
} {
  if (!issue) return { message: 'invalid body', field: null };
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const detail =
    issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : issue.message;
  return { message: field ? `${field}: ${detail}` : detail, field };
}

/** Parses a report whole: the first bad field fails it, naming its path. */
export function parseReport<K extends AgentKind>(kind: K, body: unknown): ReportOf[K] {
  const parsed = schemas[kind].safeParse(body);
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssue(parsed.error.issues[0]);
  throw new ValidationError(message, field);
}
