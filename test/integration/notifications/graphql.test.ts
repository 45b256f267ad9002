import { graphql as execute } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActor } from '../../../server/access/actor.ts';
import { schema } from '../../../server/graphql/schema.ts';
import { graphql, type RunningApp, startApp } from '../../fixtures/app.ts';
import { adminHeaders } from '../../fixtures/auth.ts';
import { type SmtpSink, startSmtpSink } from '../../fixtures/smtp-sink.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../fixtures/webhook-receiver.ts';
import { sampleAlert, sampleNotification } from '../../unit/notifications/sample.ts';
import { type NotifyApp, startNotifyApp } from './harness.ts';

const token = 'notify-graphql-token-0123456789';
const smtpPassword = 's3cret-smtp-pass';
const hookToken = 'discord-hook-token-abc';

const payload = (type: string) => `
  __typename
  ... on ${type} { data }
  ... on Error { code message }
  ... on ValidationError { field }
`;

const emailFields = 'enabled server port username password hasPassword from to tls startTLS';
const webhookFields =
  'id name url service enabled signingSecret hasSigningSecret headers { name value }';

interface Answer {
  __typename: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  data?: any;
  message?: string;
  field?: string | null;
}

describe('notifications over GraphQL', () => {
  let running: RunningApp;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;

  /** Runs an operation as the token holder (an admin) and returns `data`. */
  async function admin(query: string, variables: Record<string, unknown> = {}) {
    const result = await graphql<Record<string, Answer>>(running.url, query, variables, {
      'x-api-token': token,
    });
    expect(result.errors).toBeUndefined();
    return result.data ?? {};
  }

  beforeAll(async () => {
    [running, sink, receiver] = await Promise.all([
      startApp({ API_TOKEN: token }),
      startSmtpSink({ user: 'pulse', password: smtpPassword }),
      startWebhookReceiver(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([running.stop(), sink.close(), receiver.close()]);
  });

  it('configures email to a real SMTP server, masks the password and sends a test', async () => {
    const data = await admin(
      `mutation($input: EmailChannelInput!) {
        updateEmailChannel(input: $input) {
          __typename
          ... on MutationUpdateEmailChannelSuccess { data { ${emailFields} } }
          ... on Error { message }
        }
      }`,
      {
        input: {
          enabled: true,
          provider: 'Custom',
          server: '127.0.0.1',
          port: sink.port,
          username: 'pulse',
          password: smtpPassword,
          from: 'Pulse <pulse@lab.example>',
          to: ['ops@lab.example'],
          tls: false,
          startTLS: false,
        },
      },
    );
    expect(data.updateEmailChannel?.data).toMatchObject({
      enabled: true,
      port: sink.port,
      password: '********',
      hasPassword: true,
    });
    expect(JSON.stringify(data)).not.toContain(smtpPassword);

    const channels = await admin(`{ notificationChannels { email { ${emailFields} } } }`);
    expect(JSON.stringify(channels)).not.toContain(smtpPassword);

    // The mask sent back keeps the stored password, so the test still signs in.
    const test = await admin(
      `mutation { testEmailChannel(input: { password: "********" }) {
        ${payload('MutationTestEmailChannelSuccess').replace('{ data }', '{ data { success statusCode error } }')}
      } }`,
    );
    expect(test.testEmailChannel?.data).toEqual({ success: true, statusCode: null, error: null });
    const message = await sink.next();
    expect(message.user).toBe('pulse');
    expect(message.to).toEqual(['ops@lab.example']);
    expect(message.text).toContain('Pulse test notification');
  });

  it('creates a Discord webhook, tests it and shows it in the history', async () => {
    const created = await admin(
      `mutation($input: WebhookInput!) {
        createWebhook(input: $input) {
          __typename
          ... on MutationCreateWebhookSuccess { data { ${webhookFields} } }
          ... on Error { message }
        }
      }`,
      {
        input: {
          name: 'Discord ops',
          url: `${receiver.url}/api/webhooks/1/tok`,
          service: 'DISCORD',
          headers: [{ name: 'Authorization', value: `Bot ${hookToken}` }],
          signingSecret: 'hmac-secret-value',
        },
      },
    );
    const webhook = created.createWebhook?.data;
    expect(webhook).toMatchObject({
      name: 'Discord ops',
      service: 'DISCORD',
      enabled: true,
      signingSecret: '********',
      hasSigningSecret: true,
      headers: [{ name: 'Authorization', value: '********' }],
    });
    const listed = await admin(`{ notificationChannels { webhooks { ${webhookFields} } } }`);
    for (const text of [JSON.stringify(created), JSON.stringify(listed)]) {
      expect(text).not.toContain(hookToken);
      expect(text).not.toContain('hmac-secret-value');
    }

    const test = await admin(
      `mutation($id: ID) { testWebhook(id: $id) {
        __typename
        ... on MutationTestWebhookSuccess { data { success statusCode error } }
      } }`,
      { id: webhook.id },
    );
    expect(test.testWebhook?.data).toEqual({ success: true, statusCode: 200, error: null });
    const request = await receiver.next();
    expect(request.path).toBe('/api/webhooks/1/tok');
    expect(request.headers.authorization).toBe(`Bot ${hookToken}`);
    const body = JSON.parse(request.body);
    expect(body.username).toBe('Pulse');
    expect(body.embeds[0].title).toMatch(/test/i);

    const history = await admin('{ webhookHistory { webhookId success statusCode event url } }');
    expect(history.webhookHistory).toEqual([
      expect.objectContaining({ webhookId: webhook.id, success: true, statusCode: 200 }),
    ]);

    const deleted = await admin(
      `mutation($id: ID!) { deleteWebhook(id: $id) { ${payload('MutationDeleteWebhookSuccess')} } }`,
      { id: webhook.id },
    );
    expect(deleted.deleteWebhook).toMatchObject({ data: webhook.id });
  });

  it('answers a bad URL with a ValidationError naming the field', async () => {
    const data = await admin(
      `mutation { createWebhook(input: { name: "x", url: "ftp://example.com" }) {
        ${payload('MutationCreateWebhookSuccess').replace('{ data }', '{ data { id } }')}
      } }`,
    );
    expect(data.createWebhook).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      field: 'url',
      message: expect.stringMatching(/^url must use http/),
    });
  });

  it('reads health, queue, templates and providers, and retries nothing when the queue is empty', async () => {
    const data = await admin(`{
      notificationHealth { status workerRunning queue { pending deadLetters } }
      notificationQueue { stats { pending failed deadLetters } deadLetters { id } }
      webhookTemplates { service name }
      emailProviders { name port }
      notificationChannels { settings { allowPrivateTargets } apprise { mode hasApiKey } }
    }`);
    expect(data.notificationHealth).toMatchObject({ status: 'healthy', workerRunning: true });
    expect(data.notificationQueue).toEqual({
      stats: { pending: 0, failed: 0, deadLetters: 0 },
      deadLetters: [],
    });
    expect(data.webhookTemplates).toContainEqual({ service: 'DISCORD', name: 'Discord' });
    expect(data.emailProviders).toContainEqual({ name: 'Gmail', port: 587 });
    const retried = await admin(
      `mutation { retryDeadLetters(all: true) { ${payload('MutationRetryDeadLettersSuccess')} } }`,
    );
    expect(retried.retryDeadLetters).toMatchObject({ data: 0 });
    const missing = await admin(
      `mutation { deleteDeadLetter(id: "nope") { ${payload('MutationDeleteDeadLetterSuccess')} } }`,
    );
    expect(missing.deleteDeadLetter).toMatchObject({ __typename: 'NotFoundError' });
  });

  it('refuses an anonymous caller like REST does', async () => {
    const rest = await fetch(`${running.url}/api/notifications/email`);
    expect(rest.status).toBe(401);
    const query = await graphql(
      running.url,
      '{ notificationChannels { email { server } } }',
      {},
      {},
    );
    expect(query.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const mutation = await graphql(
      running.url,
      'mutation { deleteWebhook(id: "x") { __typename } }',
      {},
      {},
    );
    expect(mutation.data).toEqual({ deleteWebhook: { __typename: 'UnauthenticatedError' } });
  });

  it('refuses a viewer (no HTTP credential carries that role yet, so run the schema directly)', async () => {
    const contextValue = {
      actor: makeActor({ kind: 'user', name: 'viewer', role: 'viewer', method: 'session' }),
      services: running.app.services,
    };
    const query = await execute({
      schema,
      source: '{ notificationQueue { stats { pending } } }',
      contextValue,
    });
    expect(query.errors?.[0]?.message).toMatch(/not allowed/);
    const mutation = await execute({
      schema,
      source: 'mutation { updateNotificationSettings(allowPrivateTargets: false) { __typename } }',
      contextValue,
    });
    expect(mutation.data).toEqual({ updateNotificationSettings: { __typename: 'ForbiddenError' } });
  });
});

describe('dead letters over GraphQL', () => {
  let pulse: NotifyApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [pulse, receiver] = await Promise.all([startNotifyApp(), startWebhookReceiver()]);
  });
  afterAll(async () => {
    await Promise.all([pulse.dispose(), receiver.close()]);
  });

  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  const ask = async (query: string, variables: Record<string, unknown> = {}): Promise<any> =>
    (await graphql(pulse.url, query, variables, adminHeaders)).data;

  /** Every attempt refused: the manual clock walks the backoff until the row is dead. */
  async function deadLetter(alertId: string): Promise<string> {
    receiver.failNext(8, 500);
    // A new alert each time: the queue delivers one event to a destination only once.
    await pulse.notify(sampleNotification('alert', [sampleAlert({ id: alertId })]));
    await pulse.drain();
    for (const wait of [1, 2, 4, 8, 16, 32, 60]) {
      pulse.clock.advance(wait * 1000);
      await pulse.drain();
    }
    const data = await ask('{ notificationQueue { deadLetters { id attempts lastStatusCode } } }');
    const [letter] = data.notificationQueue.deadLetters;
    expect(letter).toMatchObject({ attempts: 8, lastStatusCode: 500 });
    return letter.id;
  }

  it('lists, retries and deletes dead letters', async () => {
    const created = await ask(
      `mutation($url: String!) { createWebhook(input: { name: "lab", url: $url, service: SLACK }) {
        __typename
      } }`,
      { url: `${receiver.url}/hook` },
    );
    expect(created.createWebhook.__typename).toBe('MutationCreateWebhookSuccess');

    const first = await deadLetter('vm:100:cpu');
    const health = await ask('{ notificationHealth { status queue { deadLetters } } }');
    expect(health.notificationHealth).toEqual({ status: 'degraded', queue: { deadLetters: 1 } });
    const retried = await ask(
      `mutation($id: ID) { retryDeadLetters(id: $id) { ${payload('MutationRetryDeadLettersSuccess')} } }`,
      { id: first },
    );
    expect(retried.retryDeadLetters.data).toBe(1);
    await pulse.drain();
    expect(receiver.requests.at(-1)?.status).toBe(200);

    const second = await deadLetter('vm:101:cpu');
    const deleted = await ask(
      `mutation($id: ID!) { deleteDeadLetter(id: $id) { ${payload('MutationDeleteDeadLetterSuccess')} } }`,
      { id: second },
    );
    expect(deleted.deleteDeadLetter.data).toBe(second);
    const after = await ask(
      '{ notificationQueue { stats { sent deadLetters } deadLetters { id } } }',
    );
    expect(after.notificationQueue).toEqual({
      stats: { sent: 1, deadLetters: 0 },
      deadLetters: [],
    });
  });
});
