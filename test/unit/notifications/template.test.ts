import { describe, expect, it } from 'vitest';
import { templateData } from '../../../server/notifications/notification-data.ts';
import {
  renderTemplate,
  validateTemplate,
} from '../../../server/notifications/webhooks/template.ts';
import { sampleAlert, sampleNotification } from './sample.ts';

const data = templateData(
  sampleNotification('alert', [sampleAlert({ message: 'disk "sda" \\ failing\nnow' })]),
);

describe('webhook template renderer', () => {
  it('substitutes fields in plain text, with or without spaces', () => {
    expect(
      renderTemplate(
        '{{.Level}} on {{ .ResourceName }} ({{.Value}}/{{.Threshold}}) #{{.AlertCount}}',
        data,
      ),
    ).toBe('critical on pve1 (97/90) #1');
    expect(
      renderTemplate('{{.Event}} {{.Type}} {{.Node}} {{.Instance}} {{.ResourceID}} {{.ID}}', data),
    ).toBe('alert cpu pve1 lab lab/node/pve1 node:pve1:cpu');
    expect(renderTemplate('{{.StartTime}}|{{.Timestamp}}', data)).toBe(
      '2026-11-23T12:00:00.000Z|2026-11-23T12:01:00.000Z',
    );
    expect(renderTemplate('{{ .Level | upper }}', data)).toBe('CRITICAL');
  });

  it('escapes values inside JSON strings and writes JSON values outside them', () => {
    const rendered = renderTemplate(
      '{"text": "{{.Message}} on {{.ResourceName}}", "value": {{.Value}}, "msg": {{.Message}}}',
      data,
    );
    const parsed = JSON.parse(rendered) as Record<string, unknown>;
    expect(parsed.text).toBe('disk "sda" \\ failing\nnow on pve1');
    expect(parsed.value).toBe(97);
    expect(parsed.msg).toBe('disk "sda" \\ failing\nnow');
  });

  it('tracks escaped quotes in the literal text', () => {
    const rendered = renderTemplate('{"a": "say \\"{{.Level}}\\"", "b": {{.Level}}}', data);
    expect(JSON.parse(rendered)).toEqual({ a: 'say "critical"', b: 'critical' });
  });

  it('writes null for a missing value outside a string', () => {
    const stateAlert = templateData(sampleNotification('alert', [sampleAlert({ value: null })]));
    expect(JSON.parse(renderTemplate('{"v": {{.Value}}, "s": "{{.Value}}"}', stateAlert))).toEqual({
      v: null,
      s: '',
    });
  });

  it('rejects unknown fields, code-like expressions and invalid JSON', () => {
    expect(() => validateTemplate('{{.Password}}', data)).toThrow(/unknown field \.Password/);
    expect(() => validateTemplate('{{ range .Alerts }}', data)).toThrow(/unsupported expression/);
    expect(() => validateTemplate('{{ .Level | exec }}', data)).toThrow(/unknown filter/);
    expect(() => validateTemplate('{"a": {{.Level}}', data)).toThrow(/rendered JSON is invalid/);
    expect(() => validateTemplate('{"a": "{{.Level}}"}', data)).not.toThrow();
  });
});
