import { Agent } from '../agents/agent.entity.ts';
import { AiSettings } from '../ai/ai-settings.entity.ts';
import { AiConversation, AiMessage } from '../ai/chat/conversation.entity.ts';
import { AiUsage } from '../ai/cost/ai-usage.entity.ts';
import { AlertDocument } from '../alerts/alert-document.entity.ts';
import { AlertHistoryEntry } from '../alerts/alert-history.entity.ts';
import { AuditEvent } from '../audit/audit-event.entity.ts';
import { ApiToken } from '../auth/api-token.entity.ts';
import { OidcSettings } from '../auth/oidc/oidc-settings.entity.ts';
import { Session } from '../auth/session.entity.ts';
import { User } from '../auth/user.entity.ts';
import { GuestMetadata } from '../guests/guest-metadata.entity.ts';
import { NodeConnection } from '../nodes/node.entity.ts';
import { AppriseChannel } from '../notifications/apprise/apprise.entity.ts';
import { EmailChannel } from '../notifications/email/email.entity.ts';
import { NotificationSettings } from '../notifications/notification-settings.entity.ts';
import { Delivery } from '../notifications/queue/delivery.entity.ts';
import { DeliveryReceipt } from '../notifications/queue/receipt.entity.ts';
import { Webhook } from '../notifications/webhooks/webhook.entity.ts';
import { FindingRecord } from '../patrol/store/finding-record.entity.ts';
import { PatrolRun } from '../patrol/store/patrol-run.entity.ts';
import { SuppressionRule } from '../patrol/store/suppression.entity.ts';
import { Setting } from '../settings/setting.entity.ts';

/** Every persisted entity, each defined in its own domain folder. */
export const entities = [
  Setting,
  NodeConnection,
  EmailChannel,
  AppriseChannel,
  Webhook,
  NotificationSettings,
  Delivery,
  DeliveryReceipt,
  AlertDocument,
  AlertHistoryEntry,
  AuditEvent,
  User,
  Session,
  ApiToken,
  OidcSettings,
  AiSettings,
  AiConversation,
  AiMessage,
  AiUsage,
  FindingRecord,
  PatrolRun,
  SuppressionRule,
  GuestMetadata,
  Agent,
];
