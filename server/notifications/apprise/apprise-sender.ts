import { spawn } from 'node:child_process';
import type { AlertNotification } from '../../alerts/alert.ts';
import { DeliveryError, isPermanentStatus } from '../delivery-error.ts';
import { headline, plainBody, title } from '../notification-data.ts';
import { BlockedTargetError, safeRequest } from '../safety/safe-http.ts';
import type { TargetPolicy } from '../safety/url-guard.ts';
import type { AppriseConfig } from './apprise-config.ts';

/** Apprise's notification types: they pick the icon and colour on every service. */
function appriseType(notification: AlertNotification): string {
  const level = headline(notification);
  if (level === 'CRITICAL') return 'failure';
  if (level === 'WARNING') return 'warning';
  if (level === 'RESOLVED') return 'success';
  return 'info';
}

export function sendApprise(
  config: AppriseConfig,
  notification: AlertNotification,
  policy: TargetPolicy,
  binary = 'apprise',
): Promise<void> {
  const message = { title: title(notification), body: plainBody(notification) };
  return config.mode === 'http'
    ? sendHttp(config, { ...message, type: appriseType(notification) }, policy)
    : sendCli(config, message, binary);
}

async function sendHttp(
  config: AppriseConfig,
  message: { title: string; body: string; type: string },
  policy: TargetPolicy,
): Promise<void> {
  const url = `${config.serverUrl}/notify/${encodeURIComponent(config.configKey)}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.apiKey) headers['x-api-key'] = config.apiKey;
  let response: Awaited<ReturnType<typeof safeRequest>>;
  try {
    response = await safeRequest(
      {
        url,
        method: 'POST',
        headers,
        body: JSON.stringify(message),
        timeoutMs: config.timeoutSeconds * 1000,
      },
      policy,
    );
  } catch (error) {
    throw new DeliveryError(`Apprise: ${(error as Error).message}`, {
      permanent: error instanceof BlockedTargetError,
    });
  }
  if (response.status < 200 || response.status >= 300) {
    throw new DeliveryError(`Apprise HTTP ${response.status}: ${response.body.slice(0, 300)}`, {
      statusCode: response.status,
      permanent: isPermanentStatus(response.status),
    });
  }
}

/** Runs the CLI with an argument array: targets never pass through a shell. */
function sendCli(
  config: AppriseConfig,
  message: { title: string; body: string },
  binary: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      ['-t', message.title, '-b', message.body, '--', ...config.targets],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: config.timeoutSeconds * 1000,
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new DeliveryError(
            `the apprise CLI was not found on PATH: install it (pip install apprise) or use http mode`,
            { permanent: true },
          ),
        );
      } else reject(new DeliveryError(`apprise: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const why = signal ? `was stopped by ${signal}` : `exited with ${code}`;
        reject(new DeliveryError(`apprise ${why}: ${stderr.trim().slice(0, 300)}`));
      }
    });
  });
}
