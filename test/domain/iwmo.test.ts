import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATEGORIE_NIVEAU,
  gebeurtenissenVoorStart,
  gebeurtenissenVoorStop,
  gebeurtenissenVoorToewijzing,
  leesIwmoBericht,
  niveauVoorProduct,
  REDEN_BEEINDIGING,
} from '../../src/domain/iwmo.js';
import { BEGIN_TOESTAND, leidToestandAf, pasToe, type TrajectEvent } from '../../src/domain/trajecten.js';
import { wmo301, wmo305, wmo307 } from '../iwmo-berichten.js';

const VANDAAG = '2026-12-01';
const demo = (naam: string) => readFileSync(new URL(`../../demo/import/iwmo/${naam}`, import.meta.url), 'utf8');
const fouten = (xml: string) => leesIwmoBericht('b.xml', xml, VANDAAG).fouten.map((f) => [f.pad, f.melding]);
const c = { bsn: '999990019' };
const kop = { id: 'K-1', dagtekening: '2026-10-01' };

describe('iWmo-berichten lezen', () => {
  it('leest de voorbeeldbestanden volgens de iWmo 3.2-structuur', () => {
    const r = leesIwmoBericht('wmo301-toewijzing-bw.xml', demo('wmo301-toewijzing-bw.xml'), VANDAAG);
    expect(r.fouten).toEqual([]);
    expect(r.bericht).toMatchObject({
      soort: 'WMO301',
      header: { berichtcode: '414', afzender: '9001', ontvanger: '73000001', gemeente: '9001', agb: '73000001', identificatie: 'T2026-0901', dagtekening: '2026-09-01' },
      client: { bsn: '999990019', geboortedatum: '1994-03-12', naam: 'Anna de Boer' },
      producten: [
        { nummer: '300101', categorie: '15', code: '15A01', toewijzingsdatum: '2026-09-01', ingangsdatum: '2026-09-15', einddatum: '2027-09-14', pad: 'Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]' },
        { nummer: '300102', categorie: '01', code: '01A11' },
      ],
    });
    const stop = leesIwmoBericht('s.xml', demo('wmo307-stop-bw.xml'), VANDAAG).bericht!;
    expect(stop).toMatchObject({ soort: 'WMO307', header: { gemeente: '9001', agb: '73000001' }, producten: [{ nummer: '300101', redenBeeindiging: '19', einddatum: '2026-11-15', begindatum: '2026-09-20' }] });
    expect(leesIwmoBericht('s.xml', demo('wmo305-start-bw.xml'), VANDAAG).bericht).toMatchObject({ soort: 'WMO305', producten: [{ nummer: '300101', begindatum: '2026-09-20', status: '1' }] });
  });

  it('noemt bij elke fout het element (pad) en de reden', () => {
    const goed = wmo301(kop, c, [{ nummer: '1', categorie: '15', toewijzingsdatum: '2026-10-01' }]);
    expect(fouten(goed.replace('<wmo301:Bsn>999990019</wmo301:Bsn>', ''))).toEqual([['Bericht/Client/Bsn', 'element ontbreekt']]);
    expect(fouten(goed.replace('999990019', '999990018'))).toEqual([['Bericht/Client/Bsn', 'BSN voldoet niet aan de elfproef']]);
    expect(fouten(goed.replace('<iwmo:Categorie>15</iwmo:Categorie>', '<iwmo:Categorie>1</iwmo:Categorie>'))).toEqual([
      ['Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Product/Categorie', 'productcategorie moet 2 cijfers zijn (codelijst WMO020)'],
    ]);
    expect(fouten(goed.replace('<wmo301:Ingangsdatum>2026-10-01', '<wmo301:Ingangsdatum>2026-13-01'))).toEqual([
      ['Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Ingangsdatum', expect.stringContaining("'2026-13-01'")],
    ]);
    expect(fouten(goed.replace('<wmo301:Afzender>9001', '<wmo301:Afzender>GM9001'))).toEqual([['Bericht/Header/Afzender', 'moet een gemeentecode van 4 cijfers zijn (CBS)']]);
    expect(fouten(goed.replace('<wmo301:BerichtVersie>3', '<wmo301:BerichtVersie>2'))).toEqual([['Bericht/Header/BerichtVersie', 'alleen iWmo-release 3 wordt ondersteund (BerichtVersie 3)']]);
    expect(fouten(goed.replace('<wmo301:BerichtCode>414', '<wmo301:BerichtCode>415'))[0]).toEqual(['Bericht/Header/BerichtCode', expect.stringContaining("'415' wordt niet ondersteund")]);
    expect(fouten(goed.replace(/<wmo301:ToegewezenProduct>[^]*<\/wmo301:ToegewezenProduct>/, ''))).toEqual([['Bericht/Client/ToegewezenProducten', 'moet onderliggende elementen bevatten']]);
    // a birth date in the future, and a second product with the same number
    const twee = wmo301(kop, { bsn: '999990019', geboortedatum: '2030-01-01' }, [
      { nummer: '7', categorie: '15', toewijzingsdatum: '2026-10-01' },
      { nummer: '7', categorie: '16', toewijzingsdatum: '2026-10-01' },
    ]);
    expect(fouten(twee)).toEqual([['Bericht/Client/Geboortedatum/Datum', expect.stringContaining('toekomst')]]);
    expect(fouten(twee.replace('2030-01-01', '1990-01-01'))).toEqual([['Bericht/Client/ToegewezenProducten/ToegewezenProduct[2]/ToewijzingNummer', 'toewijzing 7 staat ook in Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]']]);
  });

  it('weigert geen XML, een DOCTYPE, een ander hoofdelement, een onbekende reden en verwijderen', () => {
    expect(fouten('<Bericht><Header>')[0]![1]).toMatch(/^geen geldige XML/);
    expect(fouten('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Bericht/>')).toEqual([['Bericht', 'een DOCTYPE is niet toegestaan in een iWmo-bericht']]);
    expect(fouten('<Factuur><Header/></Factuur>')).toEqual([['Factuur', 'het hoofdelement moet Bericht zijn (een iWmo-bericht)']]);
    expect(fouten('')).toEqual([['Bericht', 'het bestand is leeg']]);
    expect(fouten(wmo307(kop, c, [{ nummer: '1', begindatum: '2026-09-01', reden: '01', einddatum: '2026-10-01' }]))).toEqual([
      ['Bericht/Client/StopProducten/StopProduct[1]/RedenBeeindiging', "reden '01' staat niet in codelijst WMO588 (iWmo 3.2)"],
    ]);
    expect(fouten(wmo307(kop, c, [{ nummer: '1', begindatum: '2026-09-01', reden: '19', einddatum: '2026-08-01' }]))).toEqual([
      ['Bericht/Client/StopProducten/StopProduct[1]/Einddatum', '2026-08-01 ligt vóór de Begindatum 2026-09-01'],
    ]);
    expect(fouten(wmo305(kop, c, [{ nummer: '1', begindatum: '2026-09-01', status: '3' }]))).toEqual([
      ['Bericht/Client/StartProducten/StartProduct[1]/StatusAanlevering', expect.stringContaining('verwijderen van een eerdere aanlevering')],
    ]);
  });
});

describe('iWmo-codes naar het traject', () => {
  it('product → niveau: productcode boven categorie, andere categorieën overgeslagen', () => {
    expect(niveauVoorProduct('15', '15A01')).toEqual({ niveau: 'bw_intramuraal' });
    expect(niveauVoorProduct('15', '15B01')).toEqual({ niveau: 'beschermd_thuis' });
    expect(niveauVoorProduct('15', 'ABCDE')).toEqual({ niveau: 'bw_intramuraal' });
    expect(niveauVoorProduct('16', '16N01')).toEqual({ niveau: 'mo_nachtopvang' });
    expect(niveauVoorProduct('02', '02BWA')).toEqual({ niveau: 'ambulant' });
    expect(niveauVoorProduct('02', '02A01')).toEqual({ overslaan: 'product 02/02A01 is geen beschermd wonen of opvang' });
    expect(Object.keys(CATEGORIE_NIVEAU).sort()).toEqual(['15', '16', '17', '18']);
  });

  it('elke reden beëindiging uit WMO588 heeft een gevolg, en uitstroom heeft een bestemming', () => {
    expect(Object.keys(REDEN_BEEINDIGING).sort()).toEqual(['02', '19', '20', '21', '22', '23', '31', '36', '37', '38', '39']);
    expect(gebeurtenissenVoorStop(REDEN_BEEINDIGING['19']!, '2026-10-01', false)).toEqual([{ soort: 'uitstroom', datum: '2026-10-01', bestemming: 'onbekend' }]);
    expect(gebeurtenissenVoorStop(REDEN_BEEINDIGING['31']!, '2026-10-01', false)).toEqual([{ soort: 'uitstroom', datum: '2026-10-01', bestemming: 'andere_regio' }]);
    expect(gebeurtenissenVoorStop(REDEN_BEEINDIGING['21']!, '2026-10-01', false)).toEqual([{ soort: 'uitval', datum: '2026-10-01' }]);
    expect(gebeurtenissenVoorStop(REDEN_BEEINDIGING['38']!, '2026-10-01', false)).toEqual([]);
    expect(gebeurtenissenVoorStop(REDEN_BEEINDIGING['19']!, '2026-10-01', true)).toEqual([]);
  });

  it('de afgeleide stappen volgen de overgangsregels vanuit elke fase waarin ze iets doen', () => {
    const vouw = (events: TrajectEvent[]) => leidToestandAf(events);
    const toewijzing = gebeurtenissenVoorToewijzing(BEGIN_TOESTAND, 'bw_intramuraal', '2026-01-01');
    let t = toewijzing.reduce(pasToe, BEGIN_TOESTAND);
    expect(t).toMatchObject({ fase: 'geindiceerd', niveau: 'bw_intramuraal' });
    expect(gebeurtenissenVoorToewijzing(t, 'mo_24uurs', '2026-01-02')).toEqual([]);
    t = gebeurtenissenVoorStart(t, 'bw_intramuraal', '2026-01-05').reduce(pasToe, t);
    expect(t.fase).toBe('in_zorg');
    expect(gebeurtenissenVoorStart(t, 'bw_intramuraal', '2026-02-01')).toEqual([]);
    expect(gebeurtenissenVoorStart(t, 'ambulant', '2026-02-01')).toEqual([{ soort: 'doorstroom', datum: '2026-02-01', niveau: 'ambulant' }]);
    const lichter = pasToe(t, { soort: 'doorstroom', datum: '2026-02-01', niveau: 'beschermd_thuis' });
    expect(gebeurtenissenVoorStart(lichter, 'bw_intramuraal', '2026-03-01')).toEqual([{ soort: 'terugval', datum: '2026-03-01', niveau: 'bw_intramuraal' }]);
    const uit = pasToe(t, { soort: 'uitstroom', datum: '2026-04-01', bestemming: 'onbekend' });
    // after an uitstroom a new toewijzing starts a new trajectory
    expect(gebeurtenissenVoorToewijzing(uit, 'mo_24uurs', '2026-05-01').reduce(pasToe, uit)).toMatchObject({ fase: 'geindiceerd', niveau: 'mo_24uurs' });
    expect(vouw([{ soort: 'aanmelding', datum: '2026-01-01' }, ...gebeurtenissenVoorToewijzing(vouw([{ soort: 'aanmelding', datum: '2026-01-01' }]), 'ambulant', '2026-01-03')]).fase).toBe('geindiceerd');
  });
});
