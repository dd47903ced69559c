import { useState, type FormEvent } from 'react';
import { api, zetCsrf } from '../api';

export function Login({ onIngelogd }: { onIngelogd: () => void }) {
  const [email, zetEmail] = useState('');
  const [wachtwoord, zetWachtwoord] = useState('');
  const [fout, zetFout] = useState<string | null>(null);
  const verstuur = async (e: FormEvent) => {
    e.preventDefault();
    zetFout(null);
    try {
      const r = await api<{ csrfToken: string }>('/api/auth/login', { method: 'POST', body: { email, wachtwoord } });
      zetCsrf(r.csrfToken);
      onIngelogd();
    } catch (err) {
      zetFout((err as Error).message);
    }
  };
  return (
    <form className="login" onSubmit={verstuur}>
      <h2>Inloggen bij Doorstroom</h2>
      <p>Regionale keten Beschermd Wonen en Maatschappelijke Opvang</p>
      <label>
        E-mailadres
        <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => zetEmail(e.target.value)} required />
      </label>
      <label>
        Wachtwoord
        <input name="wachtwoord" type="password" autoComplete="current-password" value={wachtwoord} onChange={(e) => zetWachtwoord(e.target.value)} required />
      </label>
      {fout && <div className="fout" role="alert">{fout}</div>}
      <button type="submit">Inloggen</button>
    </form>
  );
}
