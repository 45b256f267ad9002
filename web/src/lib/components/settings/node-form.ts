import type {
  NodeConnectionFieldsFragment,
  NodeConnectionInput,
  NodeType,
} from '../../graphql/generated/graphql.ts';

export type AuthMode = 'token' | 'password';
export type TlsMode = 'verify' | 'pin' | 'insecure';

export interface NodeFormValues {
  type: NodeType;
  name: string;
  host: string;
  auth: AuthMode;
  tokenId: string;
  tokenValue: string;
  username: string;
  password: string;
  tls: TlsMode;
  fingerprint: string;
}

/** The inputs a server-side ValidationError can point at. */
export type FormField =
  | 'type'
  | 'name'
  | 'host'
  | 'tokenId'
  | 'tokenValue'
  | 'username'
  | 'password'
  | 'fingerprint';
export type FieldErrors = Partial<Record<FormField, string>>;

const formFields: readonly string[] = [
  'type',
  'name',
  'host',
  'tokenId',
  'tokenValue',
  'username',
  'password',
  'fingerprint',
];

const isFormField = (field: string): field is FormField => formFields.includes(field);

/** The form input a ValidationError's `field` names, or null to show it above the form. */
export function formField(field: string | null): FormField | null {
  return field !== null && isFormField(field) ? field : null;
}

export const productName: Record<NodeType, string> = {
  PVE: 'Proxmox VE',
  PBS: 'Proxmox Backup Server',
  PMG: 'Proxmox Mail Gateway',
};

export const defaultPort: Record<NodeType, number> = { PVE: 8006, PBS: 8007, PMG: 8006 };

export const tokenPlaceholder: Record<NodeType, string> = {
  PVE: 'pulse-monitor@pve!pulse',
  PBS: 'pulse-monitor@pbs!pulse',
  PMG: '',
};

export function emptyForm(type: NodeType = 'PVE'): NodeFormValues {
  return {
    type,
    name: '',
    host: '',
    auth: type === 'PMG' ? 'password' : 'token',
    tokenId: '',
    tokenValue: '',
    username: '',
    password: '',
    tls: 'verify',
    fingerprint: '',
  };
}

/** A saved node as the form shows it for editing; its secret is never sent to the browser. */
export function formFromNode(node: NodeConnectionFieldsFragment): NodeFormValues {
  return {
    type: node.type,
    name: node.name,
    host: node.host,
    auth: node.authKind === 'token' ? 'token' : 'password',
    tokenId: node.tokenId ?? '',
    tokenValue: '',
    username: node.username ?? '',
    password: '',
    tls: node.fingerprint ? 'pin' : node.verifySsl ? 'verify' : 'insecure',
    fingerprint: node.fingerprint ?? '',
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The mutation input. Only the chosen login method is sent, so switching from a token to a
 * password really switches. A blank secret is sent as null, which the server reads as "keep
 * the stored one" when editing. An empty fingerprint clears a pin.
 */
export function toInput(values: NodeFormValues): NodeConnectionInput {
  const token = values.auth === 'token' && values.type !== 'PMG';
  return {
    type: values.type,
    name: values.name.trim(),
    host: values.host.trim(),
    tokenId: token ? values.tokenId.trim() : null,
    tokenValue: token ? blankToNull(values.tokenValue) : null,
    username: token ? null : values.username.trim(),
    password: token ? null : values.password === '' ? null : values.password,
    verifySsl: values.tls !== 'insecure',
    fingerprint: values.tls === 'pin' ? values.fingerprint.trim() : '',
  };
}

/**
 * What to add to a failed test's own message (which already says what went wrong), by its
 * `errorKind`: only the next step the message does not spell out.
 */
export const errorAdvice: Record<string, string> = {
  permission:
    'Give the user or token the PVEAuditor role on / (Audit on Backup Server and Mail Gateway). A token with privilege separation needs the role on the token itself.',
  certificate:
    'Proxmox installs a self-signed certificate: choosing “Pin fingerprint” trusts exactly that one.',
  'not-found': 'Is the product right? That address answers, but not as the chosen product.',
  malformed: 'Is the product right? The answer was not what this product sends.',
};
