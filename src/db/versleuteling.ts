import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { DomeinFout } from '../domain/fouten.js';

/**
 * What the retention job leaves in a required encrypted field (clienten.naam_versleuteld) once the data is
 * destroyed: not a ciphertext, so nothing of the old value survives, and it reads back as this label.
 */
export const GEANONIMISEERD = 'geanonimiseerd';
export const GEANONIMISEERD_LABEL = 'Geanonimiseerd';

/**
 * AES-256-GCM for special-category fields (naam, BSN, risico-notities).
 * Format: v1.<iv>.<tag>.<ciphertext> (base64url). Rotation (`doorstroom sleutel-roteer`) re-encrypts everything
 * in one transaction, so one key is valid at a time and no key id is needed in the value.
 */
export class Versleuteling {
  private readonly sleutel: Buffer;
  /** the same key imported once: a list page decrypts 50 names, and importing a raw key per cipher is a third of that */
  private readonly sleutelObject: KeyObject;
  /** HKDF of the key for the name index alone: a name token and a BSN never share a hash, and neither reveals the key */
  private readonly naamSleutel: Buffer;

  constructor(sleutel: Buffer) {
    if (sleutel.length !== 32) throw new SleutelFout('Versleutelingssleutel moet 32 bytes zijn');
    this.sleutel = sleutel;
    this.sleutelObject = createSecretKey(sleutel);
    this.naamSleutel = Buffer.from(hkdfSync('sha256', sleutel, Buffer.alloc(0), 'doorstroom/naam-index/v1', 32));
  }

  versleutel(tekst: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sleutelObject, iv);
    const data = Buffer.concat([cipher.update(tekst, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  ontsleutel(waarde: string): string {
    if (waarde === GEANONIMISEERD) return GEANONIMISEERD_LABEL;
    const [versie, iv, tag, data] = waarde.split('.');
    if (versie !== 'v1' || !iv || !tag || data === undefined) throw new Error('Onbekend versleutelingsformaat');
    const decipher = createDecipheriv('aes-256-gcm', this.sleutelObject, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const tekst = decipher.update(Buffer.from(data, 'base64url'));
    // GCM is a stream mode: final() only checks the tag (and throws on a wrong one) and returns no further bytes
    const rest = decipher.final();
    return (rest.length ? Buffer.concat([tekst, rest]) : tekst).toString('utf8');
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

/** A refusal to start because of the key: one line for the operator, no stack trace (the CLI prints it). */
export class SleutelFout extends DomeinFout {
  constructor(melding: string) {
    super('ongeldig', melding);
  }
}

/** base64 of exactly 32 bytes; anything else (short, hex, a typo) is refused rather than silently padded. */
export function leesSleutel(tekst: string, bron: string): Buffer {
  const schoon = tekst.trim();
  const sleutel = Buffer.from(schoon, 'base64');
  if (sleutel.length !== 32 || sleutel.toString('base64') !== schoon) {
    throw new SleutelFout(`${bron} is geen geldige sleutel: verwacht base64 van 32 bytes (44 tekens), bijvoorbeeld uit \`openssl rand -base64 32\`.`);
  }
  return sleutel;
}

const binnen = (map: string, pad: string) => {
  const r = relative(map, pad);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};
const echtPad = (pad: string) => {
  try {
    return realpathSync(pad);
  } catch {
    return resolve(pad);
  }
};

export interface SleutelBronnen {
  /** the data folder (PGlite, dev key) */
  dataMap: string;
  /** NODE_ENV=production */
  productie: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The key, from (in this order of preference, only one may be set):
 * - DOORSTROOM_SLEUTEL: base64 of 32 bytes;
 * - DOORSTROOM_SLEUTEL_BESTAND: a file holding that (a Docker/systemd secret), never inside the data folder in
 *   production: a backup or a copied data folder must not carry the key to its own data;
 * - outside production only: a development key generated once in the data folder, so a restart can read the data.
 * In production without a key from outside the data folder the server refuses to start.
 */
export function laadSleutel(bronnen: SleutelBronnen): Buffer {
  const env = bronnen.env ?? process.env;
  const uitEnv = env.DOORSTROOM_SLEUTEL;
  const bestand = env.DOORSTROOM_SLEUTEL_BESTAND;
  const dataMap = echtPad(bronnen.dataMap);
  if (uitEnv && bestand) throw new SleutelFout('Zet DOORSTROOM_SLEUTEL of DOORSTROOM_SLEUTEL_BESTAND, niet allebei.');
  if (uitEnv) return leesSleutel(uitEnv, 'DOORSTROOM_SLEUTEL');
  if (bestand) {
    if (!existsSync(bestand)) throw new SleutelFout(`Sleutelbestand ${bestand} (DOORSTROOM_SLEUTEL_BESTAND) bestaat niet.`);
    if (bronnen.productie && binnen(dataMap, echtPad(bestand))) {
      throw new SleutelFout(`Sleutelbestand ${bestand} staat in de datamap ${dataMap}; in productie hoort de sleutel daarbuiten (bijv. /run/secrets/).`);
    }
    return leesSleutel(readFileSync(bestand, 'utf8'), `Sleutelbestand ${bestand}`);
  }
  if (bronnen.productie) {
    throw new SleutelFout('In productie (NODE_ENV=production) komt de sleutel uit DOORSTROOM_SLEUTEL of DOORSTROOM_SLEUTEL_BESTAND, buiten de datamap; geen van beide is gezet.');
  }
  const devSleutelPad = join(bronnen.dataMap, 'dev-sleutel.txt');
  if (existsSync(devSleutelPad)) return leesSleutel(readFileSync(devSleutelPad, 'utf8'), `Ontwikkelsleutel ${devSleutelPad}`);
  const sleutel = randomBytes(32);
  mkdirSync(dirname(devSleutelPad), { recursive: true });
  writeFileSync(devSleutelPad, sleutel.toString('base64'), { mode: 0o600 });
  return sleutel;
}
