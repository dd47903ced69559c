import { useState, type FormEvent } from 'react';
import { Alert, Button, Heading1, Paragraph, Textbox } from '@utrecht/component-library-react';
import { api, ApiFout, zetCsrf } from '../api';
import { Veld } from '../ui/Veld';

/**
 * Signing in. A refusal that is about one field (empty, not an e-mail address) stands at that field; a wrong
 * combination stands as an alert right under the password, and both fields point to it (aria-describedby), since the
 * server rightly does not say which of the two was wrong.
 */
export function Login({ onIngelogd }: { onIngelogd: () => void }) {
  const [email, zetEmail] = useState('');
  const [wachtwoord, zetWachtwoord] = useState('');
  const [veldFouten, zetVeldFouten] = useState<Record<string, string>>({});
  const [fout, zetFout] = useState<string | null>(null);
  const [bezig, zetBezig] = useState(false);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    const eigen: Record<string, string> = {};
    if (!email.trim()) eigen.email = 'Vul uw e-mailadres in.';
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) eigen.email = 'Vul een geldig e-mailadres in, bijvoorbeeld naam@gemeente.nl.';
    if (!wachtwoord) eigen.wachtwoord = 'Vul uw wachtwoord in.';
    zetVeldFouten(eigen);
    if (Object.keys(eigen).length) return;
    zetBezig(true);
    try {
      const r = await api<{ csrfToken: string }>('/api/auth/login', { method: 'POST', body: { email: email.trim(), wachtwoord } });
      zetCsrf(r.csrfToken);
      onIngelogd();
    } catch (err) {
      const perVeld = err instanceof ApiFout ? err.veldFouten : {};
      if (Object.keys(perVeld).length) zetVeldFouten(perVeld);
      else zetFout((err as Error).message);
    } finally {
      zetBezig(false);
    }
  };
  const beide = fout ? 'login-fout' : undefined;
  return (
    <form className="login" onSubmit={verstuur} noValidate aria-labelledby="pagina-titel">
      <Heading1 id="pagina-titel">Inloggen bij Doorstroom</Heading1>
      <Paragraph>Regionale keten Beschermd Wonen en Maatschappelijke Opvang</Paragraph>
      <Veld label="E-mailadres" naam="email" fout={veldFouten.email}>
        {(p) => (
          <Textbox {...p} type="email" autoComplete="username" value={email} onChange={(e) => zetEmail(e.target.value)} aria-invalid={p['aria-invalid'] || !!fout} aria-describedby={[p['aria-describedby'], beide].filter(Boolean).join(' ') || undefined} />
        )}
      </Veld>
      <Veld label="Wachtwoord" naam="wachtwoord" fout={veldFouten.wachtwoord}>
        {(p) => (
          <Textbox {...p} type="password" autoComplete="current-password" value={wachtwoord} onChange={(e) => zetWachtwoord(e.target.value)} aria-invalid={p['aria-invalid'] || !!fout} aria-describedby={[p['aria-describedby'], beide].filter(Boolean).join(' ') || undefined} />
        )}
      </Veld>
      {fout && (
        <Alert type="error" role="alert" id="login-fout">
          <Paragraph>{fout}</Paragraph>
        </Alert>
      )}
      <div>
        <Button appearance="primary-action-button" type="submit" busy={bezig}>
          Inloggen
        </Button>
      </div>
    </form>
  );
}
