import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface CertPair {
  key: string;
  cert: string;
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by ':' (as the GUIs show). */
  fingerprint: string;
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/**
 * A self-signed certificate like the one each Proxmox host makes at install time. EC keys
 * keep generation to a few milliseconds, so a 20-node estate starts quickly.
 */
export async function makeCert(hostname: string, ip: string): Promise<CertPair> {
  const now = Date.now();
  const pems = await generate(
    [
      { name: 'commonName', value: `${hostname}.demo.pulse` },
      { name: 'organizationName', value: 'Pulse demo estate' },
      { shortName: 'OU', value: hostname },
    ],
    {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: new Date(now - 86_400_000),
      notAfterDate: new Date(now + 2 * 365 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: hostname },
            { type: 2, value: `${hostname}.demo.pulse` },
            { type: 2, value: 'localhost' },
            { type: 7, ip },
          ],
        },
      ],
    },
  );
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOf(pems.cert) };
}
