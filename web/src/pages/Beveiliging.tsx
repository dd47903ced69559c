import { useState, type FormEvent } from 'react';
import { api, zetCsrf } from '../api';
import { useApi } from '../hooks';

/** Second step of logging in: a code from the authenticator app, or one of the recovery codes. */
export function MfaCode({ onKlaar, onUitloggen }: { onKlaar: () => void; onUitloggen: () => void }) {
  const [code, zetCode] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    try {
      const r = await api<{ csrfToken: string; herstelcodesOver?: number }>('/api/auth/mfa', { method: 'POST', body: { code } });
      zetCsrf(r.csrfToken);
      if (r.herstelcodesOver !== undefined && r.herstelcodesOver < 3) {
        window.alert(`U hebt nog ${r.herstelcodesOver} herstelcode(s). Maak nieuwe aan op de pagina Beveiliging.`);
      }
      onKlaar();
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  return (
    <form className="login" onSubmit={verstuur}>
      <h2>Tweestapsverificatie</h2>
      <p>Vul de code van 6 cijfers uit uw authenticator-app in. Geen telefoon bij de hand? Gebruik een van uw herstelcodes.</p>
      <label>
        Code
        <input name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus value={code} onChange={(e) => zetCode(e.target.value)} required />
      </label>
      {fout && <div className="fout" role="alert">{fout}</div>}
      <button type="submit">Bevestigen</button>
      <button type="button" className="secundair" onClick={onUitloggen}>
        Annuleren en uitloggen
      </button>
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
      <h3>Uw herstelcodes</h3>
      <p>
        Elke code werkt één keer in plaats van een code uit de app. Bewaar ze op papier of in een wachtwoordkluis: ze worden{' '}
        <strong>alleen nu</strong> getoond.
      </p>
      <ol className="herstelcodes">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <button onClick={onKlaar}>Ik heb de codes bewaard</button>
    </div>
  );
}

/** QR code + secret as text, confirmed with the first code; shows the recovery codes once. */
function Inschrijven({ huidigeCodeNodig, onKlaar }: { huidigeCodeNodig: boolean; onKlaar: (csrfToken?: string) => void }) {
  const [huidig, zetHuidig] = useState('');
  const [inschrijving, zetInschrijving] = useState<Inschrijving | null>(null);
  const [code, zetCode] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const [codes, zetCodes] = useState<{ herstelcodes: string[]; csrfToken?: string } | null>(null);

  const begin = async (e?: FormEvent) => {
    e?.preventDefault();
    zetFout(null);
    try {
      zetInschrijving(await api<Inschrijving>('/api/auth/mfa/inschrijven', { method: 'POST', body: huidigeCodeNodig ? { code: huidig } : {} }));
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  const bevestig = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    try {
      const r = await api<{ herstelcodes: string[]; csrfToken?: string }>('/api/auth/mfa/inschrijven/bevestig', { method: 'POST', body: { code } });
      if (r.csrfToken) zetCsrf(r.csrfToken);
      zetCodes(r);
    } catch (err) {
      zetFout((err as Error).message);
    }
  };

  if (codes) return <Herstelcodes codes={codes.herstelcodes} onKlaar={() => onKlaar(codes.csrfToken)} />;
  if (!inschrijving) {
    return (
      <form onSubmit={begin} className="formulier">
        {huidigeCodeNodig && (
          <label>
            Huidige code (uit uw huidige app of een herstelcode)
            <input name="huidigeCode" value={huidig} onChange={(e) => zetHuidig(e.target.value)} required />
          </label>
        )}
        {fout && <div className="fout" role="alert">{fout}</div>}
        <button type="submit">{huidigeCodeNodig ? 'Nieuwe app koppelen' : 'Tweestapsverificatie instellen'}</button>
      </form>
    );
  }
  return (
    <form onSubmit={bevestig} className="formulier" data-testid="inschrijving">
      <ol>
        <li>Open een authenticator-app (bijvoorbeeld FreeOTP, Aegis, Google of Microsoft Authenticator) en kies "account toevoegen".</li>
        <li>
          Scan deze QR-code:
          <br />
          <img className="qr" alt="QR-code met het geheim voor uw authenticator-app" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(inschrijving.qrSvg)}`} width={200} height={200} />
        </li>
        <li>
          Of typ het geheim over: <code data-testid="geheim">{inschrijving.geheim}</code> (tijdgebaseerd, 6 cijfers, 30 seconden)
        </li>
        <li>Vul ter bevestiging de eerste code uit de app in.</li>
      </ol>
      <label>
        Code uit de app
        <input name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => zetCode(e.target.value)} required />
      </label>
      {fout && <div className="fout" role="alert">{fout}</div>}
      <button type="submit">Bevestigen</button>
    </form>
  );
}

/** A role that must use MFA and has not enrolled yet: this is all such a session can do. */
export function VerplichtInschrijven({ onKlaar, onUitloggen }: { onKlaar: () => void; onUitloggen: () => void }) {
  return (
    <div className="login" style={{ maxWidth: 560 }}>
      <h2>Tweestapsverificatie instellen</h2>
      <p>
        U werkt met gegevens van cliënten (bijzondere persoonsgegevens). Daarom vraagt Doorstroom bij het inloggen naast uw wachtwoord een code
        uit een authenticator-app op uw telefoon. Stel dat nu eenmalig in.
      </p>
      <Inschrijven
        huidigeCodeNodig={false}
        onKlaar={(csrf) => {
          if (csrf) zetCsrf(csrf);
          onKlaar();
        }}
      />
      <button type="button" className="secundair" onClick={onUitloggen}>
        Uitloggen
      </button>
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
  const { data, fout, herlaad } = useApi<MfaStatus>('/api/auth/mfa');
  const [modus, zetModus] = useState<'niets' | 'inschrijven'>('niets');
  const [code, zetCode] = useState('');
  const [melding, zetMelding] = useState<string | null>(null);
  const [actieFout, zetActieFout] = useState<string | null>(null);
  const [nieuweCodes, zetNieuweCodes] = useState<string[] | null>(null);
  if (fout) return <div className="fout" role="alert">{fout}</div>;
  if (!data) return <p>Laden…</p>;

  const klaar = () => {
    zetModus('niets');
    zetNieuweCodes(null);
    zetCode('');
    herlaad();
  };
  const metCode = async (pad: string, method: string, na: (r: { herstelcodes?: string[] }) => void) => {
    zetActieFout(null);
    zetMelding(null);
    try {
      na(await api<{ herstelcodes?: string[] }>(pad, { method, body: { code } }));
      zetCode('');
    } catch (err) {
      zetActieFout((err as Error).message);
    }
  };

  return (
    <section>
      <h2>Beveiliging</h2>
      <p data-testid="mfa-status">
        Tweestapsverificatie: <strong>{data.ingeschreven ? 'aan' : 'uit'}</strong>
        {data.verplicht ? ' (verplicht voor uw rol: u werkt met cliëntgegevens of beheert gebruikers)' : ' (niet verplicht voor uw rol, wel aangeraden)'}
        {data.ingeschreven && <> · nog {data.herstelcodesOver} ongebruikte herstelcode(s)</>}
      </p>
      {melding && <p className="ok">{melding}</p>}
      {nieuweCodes && <Herstelcodes codes={nieuweCodes} onKlaar={klaar} />}
      {modus === 'inschrijven' && (
        <Inschrijven
          huidigeCodeNodig={data.ingeschreven}
          onKlaar={() => {
            klaar();
            zetMelding('Tweestapsverificatie is ingesteld. Vanaf de volgende keer vraagt het inloggen een code.');
          }}
        />
      )}
      {modus === 'niets' && !nieuweCodes && (
        <div className="formulier">
          <button onClick={() => zetModus('inschrijven')}>{data.ingeschreven ? 'Nieuwe telefoon of app koppelen' : 'Tweestapsverificatie instellen'}</button>
          {data.ingeschreven && (
            <>
              <label>
                Code uit de app
                <input name="beheercode" inputMode="numeric" value={code} onChange={(e) => zetCode(e.target.value)} />
              </label>
              <button onClick={() => metCode('/api/auth/mfa/herstelcodes', 'POST', (r) => zetNieuweCodes(r.herstelcodes ?? []))}>
                Nieuwe herstelcodes maken (de oude vervallen)
              </button>
              {!data.verplicht && (
                <button
                  className="secundair"
                  onClick={() => {
                    if (!window.confirm('Tweestapsverificatie uitzetten? Daarna logt u alleen met uw wachtwoord in.')) return;
                    void metCode('/api/auth/mfa', 'DELETE', () => {
                      herlaad();
                      zetMelding('Tweestapsverificatie staat uit.');
                    });
                  }}
                >
                  Tweestapsverificatie uitzetten
                </button>
              )}
            </>
          )}
          {actieFout && <div className="fout" role="alert">{actieFout}</div>}
        </div>
      )}
    </section>
  );
}
