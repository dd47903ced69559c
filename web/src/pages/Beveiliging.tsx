import { useState, type FormEvent } from 'react';
import { Alert, Button, ButtonGroup, Code, Heading1, Heading2, OrderedList, OrderedListItem, Paragraph } from '@utrecht/component-library-react';
import { api, zetCsrf } from '../api';
import { useApi } from '../hooks';
import { Pagina } from '../ui/Pagina';
import { Veld } from '../ui/Veld';
import { Gegevens } from '../ui/Status';
import { useBevestiging } from '../ui/Bevestig';
import { useMeld } from '../ui/Melding';
import { getal } from '../format';

const codeVeld = { inputMode: 'numeric' as const, autoComplete: 'one-time-code', spellCheck: false };

/** Second step of logging in: a code from the authenticator app, or one of the recovery codes. */
export function MfaCode({ onKlaar, onUitloggen }: { onKlaar: () => void; onUitloggen: () => void }) {
  const [code, zetCode] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const [bijnaOp, zetBijnaOp] = useState<number | null>(null);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    if (!code.trim()) return zetFout('Vul de code in.');
    try {
      const r = await api<{ csrfToken: string; herstelcodesOver?: number }>('/api/auth/mfa', { method: 'POST', body: { code: code.trim() } });
      zetCsrf(r.csrfToken);
      // a recovery code was used and few are left: say so before going on, on this page instead of a browser alert
      if (r.herstelcodesOver !== undefined && r.herstelcodesOver < 3) zetBijnaOp(r.herstelcodesOver);
      else onKlaar();
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  if (bijnaOp !== null)
    return (
      <div className="login">
        <Heading1 id="pagina-titel">Bijna geen herstelcodes meer</Heading1>
        <Alert type="warning" role="status">
          <Paragraph>
            U hebt nog {getal(bijnaOp)} herstelcode{bijnaOp === 1 ? '' : 's'}. Maak nieuwe aan op de pagina Beveiliging.
          </Paragraph>
        </Alert>
        <div>
          <Button appearance="primary-action-button" onClick={onKlaar}>
            Doorgaan
          </Button>
        </div>
      </div>
    );
  return (
    <form className="login" onSubmit={verstuur} noValidate aria-labelledby="pagina-titel">
      <Heading1 id="pagina-titel">Tweestapsverificatie</Heading1>
      <Paragraph>Vul de code van 6 cijfers uit uw authenticator-app in. Geen telefoon bij de hand? Gebruik een van uw herstelcodes.</Paragraph>
      <Veld label="Code" naam="code" fout={fout} meldDirect>
        {(p) => <input {...p} {...codeVeld} className="utrecht-textbox utrecht-textbox--html-input" autoFocus value={code} onChange={(e) => zetCode(e.target.value)} />}
      </Veld>
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit">
          Bevestigen
        </Button>
        <Button appearance="secondary-action-button" type="button" onClick={onUitloggen}>
          Annuleren en uitloggen
        </Button>
      </ButtonGroup>
    </form>
  );
}

interface Inschrijving {
  geheim: string;
  otpauthUri: string;
  qrSvg: string;
}

function Herstelcodes({ codes, onKlaar }: { codes: string[]; onKlaar: () => void }) {
  return (
    <div data-testid="herstelcodes">
      <Heading2>Uw herstelcodes</Heading2>
      <Paragraph>
        Elke code werkt één keer in plaats van een code uit de app. Bewaar ze op papier of in een wachtwoordkluis: ze worden <strong>alleen nu</strong> getoond.
      </Paragraph>
      <OrderedList className="herstelcodes">
        {codes.map((c) => (
          <OrderedListItem key={c}>
            <Code>{c}</Code>
          </OrderedListItem>
        ))}
      </OrderedList>
      <Button appearance="primary-action-button" onClick={onKlaar} data-eigen-account>
        Ik heb de codes bewaard
      </Button>
    </div>
  );
}

/** QR code + secret as text, confirmed with the first code; shows the recovery codes once. */
function Inschrijven({ huidigeCodeNodig, onKlaar, onAnnuleer }: { huidigeCodeNodig: boolean; onKlaar: (csrfToken?: string) => void; onAnnuleer?: () => void }) {
  const [huidig, zetHuidig] = useState('');
  const [inschrijving, zetInschrijving] = useState<Inschrijving | null>(null);
  const [code, zetCode] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const [codes, zetCodes] = useState<{ herstelcodes: string[]; csrfToken?: string } | null>(null);

  const begin = async (e?: FormEvent) => {
    e?.preventDefault();
    zetFout(null);
    if (huidigeCodeNodig && !huidig.trim()) return zetFout('Vul uw huidige code in.');
    try {
      zetInschrijving(await api<Inschrijving>('/api/auth/mfa/inschrijven', { method: 'POST', body: huidigeCodeNodig ? { code: huidig.trim() } : {} }));
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  const bevestig = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    if (!code.trim()) return zetFout('Vul de code uit de app in.');
    try {
      const r = await api<{ herstelcodes: string[]; csrfToken?: string }>('/api/auth/mfa/inschrijven/bevestig', { method: 'POST', body: { code: code.trim() } });
      if (r.csrfToken) zetCsrf(r.csrfToken);
      zetCodes(r);
    } catch (err) {
      zetFout((err as Error).message);
    }
  };

  if (codes) return <Herstelcodes codes={codes.herstelcodes} onKlaar={() => onKlaar(codes.csrfToken)} />;
  if (!inschrijving) {
    return (
      <form onSubmit={begin} className="formulier" noValidate>
        {huidigeCodeNodig && (
          <Veld label="Huidige code" naam="huidigeCode" beschrijving="Uit uw huidige app, of een herstelcode." fout={fout} meldDirect>
            {(p) => <input {...p} {...codeVeld} className="utrecht-textbox utrecht-textbox--html-input" value={huidig} onChange={(e) => zetHuidig(e.target.value)} />}
          </Veld>
        )}
        {!huidigeCodeNodig && fout && (
          <Alert type="error" role="alert">
            <Paragraph>{fout}</Paragraph>
          </Alert>
        )}
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" data-eigen-account>
            {huidigeCodeNodig ? 'Nieuwe app koppelen' : 'Tweestapsverificatie instellen'}
          </Button>
          {onAnnuleer && (
            <Button appearance="secondary-action-button" type="button" onClick={onAnnuleer}>
              Annuleren
            </Button>
          )}
        </ButtonGroup>
      </form>
    );
  }
  return (
    <form onSubmit={bevestig} className="formulier" data-testid="inschrijving" noValidate>
      <OrderedList>
        <OrderedListItem>Open een authenticator-app (bijvoorbeeld FreeOTP, Aegis, Google of Microsoft Authenticator) en kies "account toevoegen".</OrderedListItem>
        <OrderedListItem>
          Scan deze QR-code:
          <br />
          <img className="qr" alt="QR-code met het geheim voor uw authenticator-app" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(inschrijving.qrSvg)}`} width={200} height={200} />
        </OrderedListItem>
        <OrderedListItem>
          Of typ het geheim over: <Code data-testid="geheim">{inschrijving.geheim}</Code> (tijdgebaseerd, 6 cijfers, 30 seconden)
        </OrderedListItem>
        <OrderedListItem>Vul ter bevestiging de eerste code uit de app in.</OrderedListItem>
      </OrderedList>
      <Veld label="Code uit de app" naam="code" fout={fout} meldDirect>
        {(p) => <input {...p} {...codeVeld} className="utrecht-textbox utrecht-textbox--html-input" value={code} onChange={(e) => zetCode(e.target.value)} />}
      </Veld>
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" data-eigen-account>
          Bevestigen
        </Button>
        {onAnnuleer && (
          <Button appearance="secondary-action-button" type="button" onClick={onAnnuleer}>
            Annuleren
          </Button>
        )}
      </ButtonGroup>
    </form>
  );
}

/** A role that must use MFA and has not enrolled yet: this is all such a session can do. */
export function VerplichtInschrijven({ onKlaar, onUitloggen }: { onKlaar: () => void; onUitloggen: () => void }) {
  return (
    <div className="login breed">
      <Heading1 id="pagina-titel">Tweestapsverificatie instellen</Heading1>
      <Paragraph>
        U werkt met gegevens van cliënten (bijzondere persoonsgegevens). Daarom vraagt Doorstroom bij het inloggen naast uw wachtwoord een code uit een
        authenticator-app op uw telefoon. Stel dat nu eenmalig in.
      </Paragraph>
      <Inschrijven
        huidigeCodeNodig={false}
        onKlaar={(csrf) => {
          if (csrf) zetCsrf(csrf);
          onKlaar();
        }}
      />
      <div>
        <Button appearance="secondary-action-button" type="button" onClick={onUitloggen}>
          Uitloggen
        </Button>
      </div>
    </div>
  );
}

interface MfaStatus {
  verplicht: boolean;
  ingeschreven: boolean;
  herstelcodesOver: number;
}

/** Page Beveiliging: status, (re-)enrol, new recovery codes, and switching off where it is optional. */
export function Beveiliging() {
  const status = useApi<MfaStatus>('/api/auth/mfa');
  const [modus, zetModus] = useState<'niets' | 'inschrijven'>('niets');
  const [code, zetCode] = useState('');
  const [codeFout, zetCodeFout] = useState<string | null>(null);
  const [nieuweCodes, zetNieuweCodes] = useState<string[] | null>(null);
  const [dialoog, vraag] = useBevestiging();
  const meld = useMeld();

  const klaar = () => {
    zetModus('niets');
    zetNieuweCodes(null);
    zetCode('');
    status.herlaad();
  };
  const metCode = async (pad: string, method: string, na: (r: { herstelcodes?: string[] }) => void) => {
    zetCodeFout(null);
    if (!code.trim()) return zetCodeFout('Vul eerst de code uit de app in.');
    try {
      na(await api<{ herstelcodes?: string[] }>(pad, { method, body: { code: code.trim() } }));
      zetCode('');
    } catch (err) {
      zetCodeFout((err as Error).message);
    }
  };
  const nieuweHerstelcodes = async () => {
    if (!code.trim()) return zetCodeFout('Vul eerst de code uit de app in.');
    const ja = await vraag({ titel: 'Nieuwe herstelcodes maken?', tekst: 'Uw huidige herstelcodes vervallen direct. U krijgt tien nieuwe codes, die alleen nu getoond worden.', bevestig: 'Nieuwe codes maken' });
    if (ja) await metCode('/api/auth/mfa/herstelcodes', 'POST', (r) => zetNieuweCodes(r.herstelcodes ?? []));
  };
  const uitzetten = async () => {
    if (!code.trim()) return zetCodeFout('Vul eerst de code uit de app in.');
    const ja = await vraag({ titel: 'Tweestapsverificatie uitzetten?', tekst: 'Daarna logt u alleen met uw wachtwoord in.', bevestig: 'Uitzetten' });
    if (ja)
      await metCode('/api/auth/mfa', 'DELETE', () => {
        status.herlaad();
        meld('Tweestapsverificatie staat uit.');
      });
  };

  return (
    <Pagina titel="Beveiliging">
      {dialoog}
      <Gegevens data={status.data} fout={status.fout}>
        {(data) => (
          <>
            <Paragraph data-testid="mfa-status">
              Tweestapsverificatie: <strong>{data.ingeschreven ? 'aan' : 'uit'}</strong>
              {data.verplicht ? ' (verplicht voor uw rol: u werkt met cliëntgegevens of beheert gebruikers)' : ' (niet verplicht voor uw rol, wel aangeraden)'}
              {data.ingeschreven && <> · nog {getal(data.herstelcodesOver)} ongebruikte herstelcode{data.herstelcodesOver === 1 ? '' : 's'}</>}
            </Paragraph>
            {nieuweCodes && <Herstelcodes codes={nieuweCodes} onKlaar={klaar} />}
            {modus === 'inschrijven' && (
              <Inschrijven
                huidigeCodeNodig={data.ingeschreven}
                onAnnuleer={() => zetModus('niets')}
                onKlaar={() => {
                  klaar();
                  meld('Tweestapsverificatie is ingesteld. Vanaf de volgende keer vraagt het inloggen een code.');
                }}
              />
            )}
            {modus === 'niets' && !nieuweCodes && (
              <div className="formulier">
                <Button appearance="primary-action-button" onClick={() => zetModus('inschrijven')} data-eigen-account>
                  {data.ingeschreven ? 'Nieuwe telefoon of app koppelen' : 'Tweestapsverificatie instellen'}
                </Button>
                {data.ingeschreven && (
                  <>
                    <Heading2>Herstelcodes{data.verplicht ? '' : ' en uitzetten'}</Heading2>
                    <Veld label="Code uit de app" naam="beheercode" fout={codeFout} meldDirect beschrijving="Nodig om nieuwe herstelcodes te maken of tweestapsverificatie uit te zetten.">
                      {(p) => <input {...p} {...codeVeld} className="utrecht-textbox utrecht-textbox--html-input" value={code} onChange={(e) => zetCode(e.target.value)} data-eigen-account />}
                    </Veld>
                    <ButtonGroup>
                      <Button appearance="secondary-action-button" onClick={() => void nieuweHerstelcodes()} data-eigen-account>
                        Nieuwe herstelcodes maken
                      </Button>
                      {!data.verplicht && (
                        <Button appearance="secondary-action-button" onClick={() => void uitzetten()} data-eigen-account>
                          Tweestapsverificatie uitzetten
                        </Button>
                      )}
                    </ButtonGroup>
                  </>
                )}
              </div>
            )}
          </>
        )}
      </Gegevens>
    </Pagina>
  );
}
