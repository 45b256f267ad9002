import { createTransport } from 'nodemailer';
import type { AlertNotification } from '../../alerts/alert.ts';
import { DeliveryError } from '../delivery-error.ts';
import type { EmailConfig } from './email-config.ts';
import { renderEmail } from './email-render.ts';

/** Sends one notification over SMTP; throws a DeliveryError with the server's answer. */
export async function sendEmail(
  config: EmailConfig,
  notification: AlertNotification,
): Promise<{ messageId: string }> {
  if (!config.server || !config.from || config.to.length === 0) {
    throw new DeliveryError('email is not configured: server, from and to are required', {
      permanent: true,
    });
  }
  const transport = createTransport({
    host: config.server,
    port: config.port,
    secure: config.tls,
    requireTLS: config.startTLS,
    // Without either, nodemailer still upgrades opportunistically when offered.
    auth: config.username ? { user: config.username, pass: config.password ?? '' } : undefined,
    tls: { rejectUnauthorized: !config.skipTlsVerify },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const rendered = renderEmail(notification);
  try {
    const info = await transport.sendMail({
      from: config.from,
      to: config.to,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
    });
    return { messageId: String(info.messageId) };
  } catch (error) {
    const smtp = error as { responseCode?: number; message: string; code?: string };
    // 5xx SMTP replies (bad recipient, auth refused) will not heal by retrying.
    const permanent = smtp.code === 'EAUTH' || (smtp.responseCode ?? 0) >= 500;
    throw new DeliveryError(`SMTP: ${smtp.message}`, {
      statusCode: smtp.responseCode ?? null,
      permanent,
    });
  } finally {
    transport.close();
  }
}
