import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * What the retention job leaves in a required encrypted field (clienten.naam_versleuteld) once the data is
 * destroyed: not a ciphertext, so nothing of the old value survives, and it reads back as this label.
 */
export const GEANONIMISEERD = 'geanonimiseerd';
export const GEANONIMISEERD_LABEL = 'Geanonimiseerd';

/**
 * AES-256-GCM for special-category fields (naam, BSN, risico-notities).
 * Format: v1.<iv>.<tag>.<ciphertext> (base64url) so the key can be rotated later by version.
 */
export class Versleuteling {
  private readonly sleutel: Buffer;

  constructor(sleutel: Buffer) {
    if (sleutel.length !== 32) throw new Error('Versleutelingssleutel moet 32 bytes zijn');
    this.sleutel = sleutel;
  }

  versleutel(tekst: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sleutel, iv);
    const data = Buffer.concat([cipher.update(tekst, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  ontsleutel(waarde: string): string {
    if (waarde === GEANONIMISEERD) return GEANONIMISEERD_LABEL;
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
