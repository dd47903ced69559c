import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * AES-256-GCM for special-category fields (naam, BSN, risico-notities).
 * Format: v1.<iv>.<tag>.<ciphertext> (base64url) so the key can be rotated later by version.
 */
export class Versleuteling {
  private readonly sleutel: Buffer;
  /** HKDF of the key for the name index alone: a name token and a BSN never share a hash, and neither reveals the key */
  private readonly naamSleutel: Buffer;

  constructor(sleutel: Buffer) {
    if (sleutel.length !== 32) throw new Error('Versleutelingssleutel moet 32 bytes zijn');
    this.sleutel = sleutel;
    this.naamSleutel = Buffer.from(hkdfSync('sha256', sleutel, Buffer.alloc(0), 'doorstroom/naam-index/v1', 32));
  }

  versleutel(tekst: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sleutel, iv);
    const data = Buffer.concat([cipher.update(tekst, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  ontsleutel(waarde: string): string {
    const [versie, iv, tag, data] = waarde.split('.');
    if (versie !== 'v1' || !iv || !tag || data === undefined) throw new Error('Onbekend versleutelingsformaat');
    const decipher = createDecipheriv('aes-256-gcm', this.sleutel, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash: find a BSN again without storing it readable. */
  zoekHash(waarde: string): string {
    return createHmac('sha256', this.sleutel).update(waarde.trim()).digest('base64url');
  }

  /** Keyed hash of one normalised name token or prefix (domain/naamzoek): the blind index of client_naam_tokens. */
  naamTokenHash(term: string): string {
    return createHmac('sha256', this.naamSleutel).update(term, 'utf8').digest('base64url');
  }
}

/**
 * Key from DOORSTROOM_SLEUTEL (base64, 32 bytes). Without it, a development key is generated once
 * and kept beside the data so a restart can still read the data.
 */
export function laadSleutel(devSleutelPad: string): Buffer {
  const uitEnv = process.env.DOORSTROOM_SLEUTEL;
  if (uitEnv) return Buffer.from(uitEnv, 'base64');
  if (existsSync(devSleutelPad)) return Buffer.from(readFileSync(devSleutelPad, 'utf8').trim(), 'base64');
  const sleutel = randomBytes(32);
  mkdirSync(dirname(devSleutelPad), { recursive: true });
  writeFileSync(devSleutelPad, sleutel.toString('base64'), { mode: 0o600 });
  return sleutel;
}
