"""A reproducible corpus of realistic Italian apology templates for the benchmark (no network).

Every message is assembled from sentence templates written for this benchmark (greetings,
apologies, blame, coupons, fixes, prevention, signatures), with seeded choices of names,
orders, products and dates, so that the same seed always yields the same files. Some
messages are good apologies, some carry the faults the rules look for, as a real template
folder would. Messages average about 110 words, like the files proselint was timed on.

    python benchmarks/corpus.py benchmarks/out/corpus-1000 --messages 1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

NAMES = ["Rossi", "Bianchi", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo",
         "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti"]  # fmt: skip
TITLES = ["Gentile Sig.ra", "Gentile Sig.", "Gent.mo Sig.", "Gentile Dott.ssa", "Caro", "Cara", "Gentile"]
PRODUCTS = ["la lavatrice", "il divano", "lo smartphone", "il pacco", "la bicicletta", "il materasso",
            "la stampante", "le scarpe", "il frigorifero", "la lampada", "il tablet", "la caffettiera"]  # fmt: skip
SERVICES = ["la connessione", "l'abbonamento", "il servizio di streaming", "l'app", "il conto online",
            "la linea telefonica", "il portale clienti"]  # fmt: skip
MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "novembre"]
DAYS = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì"]
TEAMS = ["Il servizio clienti", "Il team assistenza", "L'ufficio spedizioni", "Il responsabile del negozio",
         "Il team di supporto tecnico"]  # fmt: skip
SIGNERS = ["Marta", "Luca", "Giulia", "Paolo", "Chiara", "Davide", "Elena", "Stefano"]

GREETINGS = [
    "{title} {name},",
    "{title} {name}, buongiorno.",
    "Buongiorno {title} {name},",
    "{title} cliente,",
]
OPENINGS = [
    "La ringraziamo per averci scritto a proposito dell'ordine n. {order} del {day} {month}.",
    "abbiamo letto con attenzione il Suo messaggio sull'ordine {order}.",
    "Le scriviamo in merito alla segnalazione che ci ha inviato {weekday} scorso.",
    "grazie per averci segnalato il problema con {product}.",
]
APOLOGIES_GOOD = [
    "Ci scusiamo per il ritardo nella consegna: abbiamo sbagliato noi a preparare la spedizione.",
    "Le chiediamo scusa: {product} doveva arrivare {weekday} e non è arrivato per un nostro errore.",
    "Siamo davvero spiacenti per il disagio che Le abbiamo causato con {service} fuori uso per tre giorni.",
    "Mi scuso personalmente: ho inserito io l'indirizzo sbagliato nella bolla di consegna.",
    "Ci dispiace molto che abbia dovuto aspettare così a lungo una risposta da parte nostra.",
]
APOLOGIES_BAD = [
    "Ci scusiamo per eventuali disagi causati dall'interruzione del servizio.",
    "Ci scusiamo se il ritardo Le ha causato qualche problema.",
    "Ci dispiace che Lei si sia sentito trascurato dal nostro personale.",
    "Ci scusiamo per il ritardo, ma il periodo natalizio è stato molto intenso per tutti.",
    "Siamo spiacenti, ma le condizioni di vendita erano indicate chiaramente sul sito.",
]
WHAT_HAPPENED = [
    "Durante l'imballaggio {product} è stato etichettato con il codice di un altro ordine.",
    "Un aggiornamento del nostro sistema di pagamento ha bloccato {service} per molti clienti.",
    "Il magazzino ha spedito il pacco solo dopo cinque giorni perché avevamo sottostimato gli ordini.",
    "Il tecnico non si è presentato all'appuntamento perché non avevamo confermato la data.",
]
BLAME = [
    "Il ritardo della consegna è colpa del corriere, che non ha rispettato i tempi previsti.",
    "Per motivi tecnici non dipendenti dalla nostra volontà il servizio è stato sospeso.",
    "Il disservizio non dipende da noi ma dal gestore della rete elettrica.",
    "Purtroppo a causa del fornitore il Suo ordine è ancora fermo in magazzino.",
]
FIXES = [
    "Abbiamo già spedito {product} con corriere espresso: arriverà entro {weekday}.",
    "Le abbiamo rimborsato l'intero importo di {amount} euro sulla carta usata per l'acquisto.",
    "Il tecnico passerà da Lei {weekday} mattina, nell'orario che ci ha indicato.",
    "Abbiamo riattivato {service} e aggiunto un mese gratuito al Suo abbonamento.",
]
PREVENTION = [
    "Per evitare che si ripeta, da oggi ogni ordine viene controllato due volte prima della spedizione.",
    "Abbiamo cambiato la procedura: ogni aggiornamento viene provato su pochi clienti prima di tutti gli altri.",
    "Da questo mese il magazzino lavora anche il sabato, così i pacchi partono entro un giorno.",
]
EMPATHY = [
    "Capiamo quanto sia frustrante aspettare un acquisto importante senza notizie.",
    "Immaginiamo il fastidio di restare senza {service} proprio durante la settimana di lavoro.",
    "Sappiamo che contava su {product} per quel giorno, e ci dispiace averla delusa.",
]
COUPONS = [
    "Come gesto di scuse Le offriamo un buono sconto del {percent}%, valido fino al {day} {month}.",
    "Le regaliamo un codice sconto di {amount} euro da usare entro il {day} {month} sul prossimo ordine.",
    "In segno di scuse riceverà un buono del {percent}%, utilizzabile fino al {day} {month} su una spesa minima.",
]
DEMANDS = [
    "La preghiamo di rispondere a questa e-mail per confermare il nuovo indirizzo.",
    "Attendiamo un Suo riscontro per chiudere la pratica.",
    "Ci risponda entro {weekday}, altrimenti l'ordine sarà annullato.",
    "La invitiamo a contattare il nostro servizio clienti per ricevere il rimborso.",
]
CONTACTS = [
    "Se lo desidera, può rispondere a questa e-mail: Le risponderemo noi entro un giorno.",
    "Per qualsiasi dubbio può chiamarci al numero verde, dal lunedì al venerdì.",
    "Resto a Sua disposizione per qualunque altra domanda.",
]
DETAILS = [
    "L'ordine comprendeva {product} e due accessori, pagati con carta il {day} {month}.",
    "Abbiamo controllato la cronologia della Sua pratica e le due chiamate che ci ha fatto la settimana scorsa.",
    "Il numero di spedizione è {order}: da domani potrà seguire il pacco anche dalla pagina del Suo account.",
    "Ha ragione a dire che nessuno L'aveva avvisata del cambio di data, e che ha dovuto chiamarci Lei.",
]
CLOSINGS = ["Cordiali saluti,", "Un cordiale saluto,", "Con i migliori saluti,", "Grazie per la pazienza,"]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        title=rng.choice(TITLES),
        name=rng.choice(NAMES),
        order=rng.randint(10000, 99999),
        day=rng.randint(1, 28),
        month=rng.choice(MONTHS),
        weekday=rng.choice(DAYS),
        product=rng.choice(PRODUCTS),
        service=rng.choice(SERVICES),
        amount=rng.choice([10, 15, 20, 25, 30, 50]),
        percent=rng.choice([5, 10, 15, 20]),
    )


def make_message(rng: random.Random) -> str:
    """One template: greeting, body paragraphs (good or faulty choices), closing and signature."""
    fill = lambda options: _fill(rng.choice(options), rng)  # noqa: E731
    body: list[str] = [fill(OPENINGS)]
    body.append(fill(APOLOGIES_BAD if rng.random() < 0.4 else APOLOGIES_GOOD))
    body.append(fill(BLAME if rng.random() < 0.3 else WHAT_HAPPENED))
    body.append(fill(DETAILS))
    if rng.random() < 0.6:
        body.append(fill(EMPATHY))
    body.append(fill(FIXES))
    if rng.random() < 0.5:
        body.append(fill(PREVENTION))
    if rng.random() < 0.35:
        body.append(fill(COUPONS))
    body.append(fill(DEMANDS if rng.random() < 0.3 else CONTACTS))
    # Two or three paragraphs, hard-wrapped sometimes, as drafts written in a mail client are.
    cut = rng.randint(2, max(2, len(body) - 2))
    paragraphs = [" ".join(body[:cut]), " ".join(body[cut:])]
    if rng.random() < 0.3:
        paragraphs = [_wrap(p, 72) for p in paragraphs]
    signature = f"{rng.choice(CLOSINGS)}\n{rng.choice(SIGNERS)}\n{rng.choice(TEAMS)}"
    return "\n\n".join([fill(GREETINGS), *paragraphs, signature]) + "\n"


def _wrap(paragraph: str, width: int) -> str:
    lines: list[str] = []
    current = ""
    for word in paragraph.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


def build(folder: Path, messages: int, seed: int = 7) -> list[Path]:
    """Write `messages` files into `folder` (emptied first), spread over subfolders of 100, as a repository has."""
    if folder.exists():
        shutil.rmtree(folder)
    rng = random.Random(seed)
    paths = []
    for index in range(messages):
        path = folder / f"team-{index // 100:03d}" / f"scuse-{index:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make_message(rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    paths = build(args.folder, args.messages, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths)} messages, {words} words ({words / len(paths):.0f} per message) in {args.folder}")


if __name__ == "__main__":
    main()
