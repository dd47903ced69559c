/** The contents of a chosen file as base64, for the JSON body of an Excel upload (`{ xlsx: "<base64>" }`). */
export function alsBase64(bestand: File): Promise<string> {
  return new Promise((klaar, mislukt) => {
    const lezer = new FileReader();
    lezer.onload = () => klaar(String(lezer.result).replace(/^data:[^,]*,/, ''));
    lezer.onerror = () => mislukt(new Error(`${bestand.name} kon niet worden gelezen.`));
    lezer.readAsDataURL(bestand);
  });
}
