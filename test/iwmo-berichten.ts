/** iWmo 3.2 messages for tests, shaped like the samples in demo/import/iwmo (and the public message documentation). */

export interface TestClient {
  bsn: string;
  geboortedatum?: string;
  achternaam?: string;
  voornamen?: string;
}

interface Kop {
  id: string;
  dagtekening: string;
  gemeente?: string;
  agb?: string;
}

const ns = (n: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${n}:Bericht xmlns:iwmo="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema" xmlns:${n}="http://www.istandaarden.nl/iwmo/3_2/${n}/schema">`;

function header(n: string, code: string, afzender: string, ontvanger: string, k: Kop) {
  return `<${n}:Header><${n}:BerichtCode>${code}</${n}:BerichtCode><${n}:BerichtVersie>3</${n}:BerichtVersie><${n}:BerichtSubversie>2</${n}:BerichtSubversie>
<${n}:Afzender>${afzender}</${n}:Afzender><${n}:Ontvanger>${ontvanger}</${n}:Ontvanger>
<${n}:BerichtIdentificatie><iwmo:Identificatie>${k.id}</iwmo:Identificatie><iwmo:Dagtekening>${k.dagtekening}</iwmo:Dagtekening></${n}:BerichtIdentificatie>
<${n}:XsdVersie><iwmo:BasisschemaXsdVersie>1.0.0</iwmo:BasisschemaXsdVersie><iwmo:BerichtXsdVersie>1.0.0</iwmo:BerichtXsdVersie></${n}:XsdVersie></${n}:Header>`;
}

function client(n: string, c: TestClient) {
  return `<${n}:Bsn>${c.bsn}</${n}:Bsn><${n}:Geboortedatum><iwmo:Datum>${c.geboortedatum ?? '1990-01-01'}</iwmo:Datum></${n}:Geboortedatum><${n}:Geslacht>0</${n}:Geslacht>
<${n}:Naam><iwmo:Geslachtsnaam><iwmo:Achternaam>${c.achternaam ?? 'Proef'}</iwmo:Achternaam></iwmo:Geslachtsnaam><iwmo:Voornamen>${c.voornamen ?? 'Petra'}</iwmo:Voornamen></${n}:Naam>`;
}

export interface TestToewijzing {
  nummer: string;
  categorie: string;
  code?: string;
  toewijzingsdatum: string;
  ingangsdatum?: string;
}

export function wmo301(k: Kop, c: TestClient, producten: TestToewijzing[]): string {
  const p = producten
    .map(
      (t) => `<wmo301:ToegewezenProduct><wmo301:ToewijzingNummer>${t.nummer}</wmo301:ToewijzingNummer>
<wmo301:Product><iwmo:Categorie>${t.categorie}</iwmo:Categorie>${t.code ? `<iwmo:Code>${t.code}</iwmo:Code>` : ''}</wmo301:Product>
<wmo301:Toewijzingsdatum>${t.toewijzingsdatum}</wmo301:Toewijzingsdatum><wmo301:Toewijzingstijd>09:00:00</wmo301:Toewijzingstijd>
<wmo301:Ingangsdatum>${t.ingangsdatum ?? t.toewijzingsdatum}</wmo301:Ingangsdatum></wmo301:ToegewezenProduct>`,
    )
    .join('\n');
  return `${ns('wmo301')}${header('wmo301', '414', k.gemeente ?? '9001', k.agb ?? '73000001', k)}<wmo301:Client>${client('wmo301', c)}
<wmo301:Contactgegevens><wmo301:Contact><wmo301:Soort>01</wmo301:Soort></wmo301:Contact></wmo301:Contactgegevens>
<wmo301:ToegewezenProducten>${p}</wmo301:ToegewezenProducten></wmo301:Client></wmo301:Bericht>`;
}

export function wmo305(k: Kop, c: TestClient, starts: { nummer: string; begindatum: string; status?: string }[]): string {
  const p = starts
    .map((s) => `<wmo305:StartProduct><wmo305:ToewijzingNummer>${s.nummer}</wmo305:ToewijzingNummer><wmo305:Begindatum>${s.begindatum}</wmo305:Begindatum><wmo305:StatusAanlevering>${s.status ?? '1'}</wmo305:StatusAanlevering></wmo305:StartProduct>`)
    .join('');
  return `${ns('wmo305')}${header('wmo305', '418', k.agb ?? '73000001', k.gemeente ?? '9001', k)}<wmo305:Client>${client('wmo305', c)}<wmo305:StartProducten>${p}</wmo305:StartProducten></wmo305:Client></wmo305:Bericht>`;
}

export function wmo307(k: Kop, c: TestClient, stops: { nummer: string; begindatum: string; reden: string; einddatum: string }[]): string {
  const p = stops
    .map(
      (s) =>
        `<wmo307:StopProduct><wmo307:ToewijzingNummer>${s.nummer}</wmo307:ToewijzingNummer><wmo307:Begindatum>${s.begindatum}</wmo307:Begindatum><wmo307:RedenBeeindiging>${s.reden}</wmo307:RedenBeeindiging><wmo307:Einddatum>${s.einddatum}</wmo307:Einddatum><wmo307:StatusAanlevering>1</wmo307:StatusAanlevering></wmo307:StopProduct>`,
    )
    .join('');
  return `${ns('wmo307')}${header('wmo307', '420', k.agb ?? '73000001', k.gemeente ?? '9001', k)}<wmo307:Client>${client('wmo307', c)}<wmo307:StopProducten>${p}</wmo307:StopProducten></wmo307:Client></wmo307:Bericht>`;
}
