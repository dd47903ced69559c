import { useApi } from '../hooks';

interface AuditRegel {
  id: number;
  tijdstip: string;
  actie: string;
  entiteit: string;
  entiteitId: string | null;
  gebruiker: string | null;
  organisatie: string | null;
}

export function Audit() {
  const { data, fout } = useApi<AuditRegel[]>('/api/audit?limiet=200');
  return (
    <section>
      <h2>Auditlog</h2>
      <p>Wie las of wijzigde welk cliëntdossier, wanneer en vanuit welke organisatie. Het log kan niet worden gewijzigd of verwijderd.</p>
      {fout && <div className="fout">{fout}</div>}
      <table>
        <thead><tr><th>Tijdstip</th><th>Gebruiker</th><th>Organisatie</th><th>Actie</th><th>Wat</th><th>Id</th></tr></thead>
        <tbody>
          {(data ?? []).map((r) => (
            <tr key={r.id}>
              <td>{new Date(r.tijdstip).toLocaleString('nl-NL')}</td>
              <td>{r.gebruiker}</td>
              <td>{r.organisatie}</td>
              <td>{r.actie}</td>
              <td>{r.entiteit}</td>
              <td>{r.entiteitId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
