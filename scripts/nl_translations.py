"""Fill the Dutch catalogue (locale/nl) from the table below.

Run after `koers makemessages -l nl` (in src/koers): `python scripts/nl_translations.py`.
It fails on any msgid without a Dutch text, so the interface never falls back to English
unnoticed.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "src/koers/locale/nl/LC_MESSAGES/django.po"

NL = {
    "Catalogue": "Catalogus",
    "only for themes": "alleen voor thema's",
    "name": "naam",
    "term in questions": "term in vragen",
    'Replaces "differentiatie" where a question of the handreiking names it.':
        "Vervangt “differentiatie” waar een vraag uit de handreiking het thema noemt.",
    "description": "beschrijving",
    "urgency": "urgentie",
    "expected effects": "verwachte effecten",
    "starting points for policy": "aanknopingspunten voor beleid",
    "Loaded from the content files.": "Geladen uit de inhoudsbestanden.",
    "theme": "thema",
    "themes": "thema's",
    "goal": "doel",
    "dialogue": "dialoog",
    "phase": "fase",
    "phases": "fasen",
    "title": "titel",
    "result and reflection": "resultaat en reflectie",
    "subphase": "deelfase",
    "subphases": "deelfasen",
    "Tool": "Hulpmiddel",
    "Support": "Ondersteuning",
    "Tip": "Tip",
    "Advice": "Advies",
    "Option": "Optie",
    "Background": "Toelichting",
    "text": "tekst",
    "tip or tool": "tip of hulpmiddel",
    "tips and tools": "tips en hulpmiddelen",
    "introduction": "inleiding",
    "question group": "vragengroep",
    "question groups": "vragengroepen",
    "question": "vraag",
    "questions": "vragen",
    "situation row": "rij situatieverkenning",
    "situation rows": "rijen situatieverkenning",
    "bottleneck": "knelpunt",
    "bottlenecks": "knelpunten",
    "lever cluster": "SHRM-onderwerp",
    "lever clusters": "SHRM-onderwerpen",
    "lever": "aanknopingspunt",
    "levers": "aanknopingspunten",
    "Ability (can)": "Ability (kunnen)",
    "Motivation (want)": "Motivation (willen)",
    "Opportunity (may)": "Opportunity (mogen)",
    "AMO of the teacher": "AMO van de leraar",
    "Targeted HRM intervention": "Gerichte HRM-interventie",
    "Leadership behaviour": "Leiderschapsgedrag",
    "AMO item": "AMO-onderdeel",
    "AMO items": "AMO-onderdelen",
    "Personal info": "Persoonlijke gegevens",
    "Permissions": "Rechten",
    "Important dates": "Belangrijke datums",
    "Organisations": "Organisaties",
    "Primary education (po)": "Primair onderwijs (po)",
    "Secondary education (vo)": "Voortgezet onderwijs (vo)",
    "Vocational education (mbo)": "Middelbaar beroepsonderwijs (mbo)",
    "Teacher LB": "Docent LB",
    "Teacher LC": "Docent LC",
    "Teacher LD": "Docent LD",
    "Support staff (OOP)": "Onderwijsondersteunend personeel (OOP)",
    "Team leader": "Teamleider",
    "School leader": "Schoolleider",
    "Board member": "Bestuurder",
    "HR adviser (P&O)": "P&O/HR-adviseur",
    "Teacher": "Leraar",
    "board": "bestuur",
    "boards": "besturen",
    "A BRIN code is two digits followed by two capitals, e.g. 12AB.":
        "Een BRIN-code bestaat uit twee cijfers en twee hoofdletters, bijvoorbeeld 12AB.",
    "BRIN code": "BRIN-code",
    "sector": "sector",
    "school types": "schoolsoorten",
    "For example: vmbo, havo, vwo.": "Bijvoorbeeld: vmbo, havo, vwo.",
    "school": "school",
    "schools": "scholen",
    "Team": "Team",
    "Section": "Sectie",
    "kind": "soort",
    "team or section": "team of sectie",
    "teams and sections": "teams en secties",
    "e-mail address": "e-mailadres",
    "full name": "volledige naam",
    "admin access": "toegang tot beheer",
    "active": "actief",
    "date joined": "lid sinds",
    "user": "gebruiker",
    "users": "gebruikers",
    "first name": "voornaam",
    "last name": "achternaam",
    "position": "functie",
    "person": "persoon",
    "people": "personen",
    "This school belongs to another board.": "Deze school hoort bij een ander bestuur.",
    "role": "rol",
    "membership": "lidmaatschap",
    "memberships": "lidmaatschappen",
    "Choose either a board or a school.": "Kies een bestuur of een school, niet allebei.",
    "This role applies to a school, not a board.": "Deze rol hoort bij een school, niet bij een bestuur.",
    "This role applies to a board, not a school.": "Deze rol hoort bij een bestuur, niet bij een school.",
    "You are here": "U bent hier",
    "Overview": "Overzicht",
    "Schools": "Scholen",
    "Schools of the board": "Scholen van het bestuur",
    "School": "School",
    "Sector": "Sector",
    "Trajectories": "Trajecten",
    "This board has no schools yet. An administrator adds them in the admin.":
        "Dit bestuur heeft nog geen scholen. Een beheerder voegt ze toe in het beheer.",
    "Board-wide trajectories": "Bestuursbrede trajecten",
    "Start a board-wide trajectory": "Start een bestuursbreed traject",
    "No board-wide trajectories yet. Start one when the board takes on a theme for all its schools together.":
        "Nog geen bestuursbrede trajecten. Start er een wanneer het bestuur een thema voor al zijn scholen samen oppakt.",
    "Welcome, %(name)s": "Welkom, %(name)s",
    "Here you find your schools and the SHRM trajectories you work on: discover, choose, do and carry on.":
        "Hier vindt u uw scholen en de SHRM-trajecten waaraan u werkt: ontdek, kies, doe en ga door.",
    "Your board": "Uw bestuur",
    "All schools of the board, and board-wide trajectories.": "Alle scholen van het bestuur en de bestuursbrede trajecten.",
    "Your trajectories": "Uw trajecten",
    "You do not take part in a trajectory yet. A school leader can start one from the school page and add you as a participant.":
        "U neemt nog niet deel aan een traject. Een schoolleider kan er een starten vanaf de schoolpagina en u als deelnemer toevoegen.",
    "Your schools": "Uw scholen",
    "Your account is not linked to a school or board yet. Ask your school's administrator to give you a role.":
        "Uw account is nog niet gekoppeld aan een school of bestuur. Vraag de beheerder van uw school om u een rol te geven.",
    "SHRM trajectories": "SHRM-trajecten",
    "Start a trajectory": "Start een traject",
    "This school has no trajectory yet. Start one for one of the five SHRM themes, for example more differentiation in the classroom.":
        "Deze school heeft nog geen traject. Start er een voor een van de vijf SHRM-thema's, bijvoorbeeld meer differentiatie in de klas.",
    "There is no trajectory you take part in at this school yet.": "Op deze school is nog geen traject waaraan u deelneemt.",
    "Dutch": "Nederlands",
    "English": "Engels",
    "Skip to content": "Naar de inhoud",
    "Main navigation": "Hoofdnavigatie",
    "Admin": "Beheer",
    "Log out %(name)s": "%(name)s uitloggen",
    "Koers — the workbench of the professional school organisation.":
        "Koers — de werkbank van de professionele schoolorganisatie.",
    "required": "verplicht",
    "Pages": "Pagina's",
    "Previous": "Vorige",
    "Page %(n)s of %(total)s": "Pagina %(n)s van %(total)s",
    "Next": "Volgende",
    "Log in": "Inloggen",
    "Not saved: your session has expired. Log in again in another tab, then save here again; your text is still here.":
        "Niet opgeslagen: uw sessie is verlopen. Log in een ander tabblad opnieuw in en sla hier daarna opnieuw op; uw tekst staat er nog.",
    "Not saved: the server cannot be reached. Check your connection and save again; your text is still here.":
        "Niet opgeslagen: de server is niet bereikbaar. Controleer uw verbinding en sla opnieuw op; uw tekst staat er nog.",
    "Not saved: this page is out of date. Copy your text, reload the page and save again.":
        "Niet opgeslagen: deze pagina is verouderd. Kopieer uw tekst, laad de pagina opnieuw en sla opnieuw op.",
    "Not saved: something went wrong on the server. Try again; your text is still here.":
        "Niet opgeslagen: er ging iets mis op de server. Probeer het opnieuw; uw tekst staat er nog.",
    "This e-mail address and password do not match. Mind that the password is case-sensitive.":
        "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op: het wachtwoord is hoofdlettergevoelig.",
    "Log in to Koers": "Inloggen bij Koers",
    "Log in with your e-mail address and password.": "Log in met uw e-mailadres en wachtwoord.",
    "Forgot your password?": "Wachtwoord vergeten?",
    "Password saved": "Wachtwoord opgeslagen",
    "Change password": "Wachtwoord wijzigen",
    "Save password": "Wachtwoord opslaan",
    "Choose a new password": "Kies een nieuw wachtwoord",
    "This link is no longer valid: it has been used or has expired. Request a new one.":
        "Deze link is niet meer geldig: hij is al gebruikt of verlopen. Vraag een nieuwe aan.",
    "Reset password": "Wachtwoord opnieuw instellen",
    "Check your e-mail": "Kijk in uw e-mail",
    "If the address belongs to an account, a link to choose a new password is on its way. It is valid for a limited time.":
        "Als het adres bij een account hoort, is er een link onderweg om een nieuw wachtwoord te kiezen. De link is beperkt geldig.",
    "Back to log in": "Terug naar inloggen",
    "Hello,": "Beste collega,",
    "Someone asked to reset the password of your Koers account. If that was you, choose a new password via this link:":
        "Er is gevraagd om het wachtwoord van uw Koers-account opnieuw in te stellen. Was u dat, kies dan via deze link een nieuw wachtwoord:",
    "If you did not ask for this, you can ignore this message; your password stays the same.":
        "Heeft u dit niet gevraagd, dan kunt u dit bericht negeren; uw wachtwoord blijft hetzelfde.",
    "Enter your e-mail address. If it belongs to an account, we send you a link to choose a new password.":
        "Vul uw e-mailadres in. Hoort het bij een account, dan sturen we u een link om een nieuw wachtwoord te kiezen.",
    "Send link": "Link versturen",
    "Choose a new password for Koers": "Kies een nieuw wachtwoord voor Koers",
    "Board-wide": "Bestuursbreed",
    "started %(date)s": "gestart op %(date)s",
    "Owner: %(owner)s · %(done)s of %(total)s subphases done":
        "Eigenaar: %(owner)s · %(done)s van %(total)s deelfasen afgerond",
    "Theme": "Thema",
    "Choose a theme": "Kies een thema",
    "Title": "Titel",
    "Owner": "Eigenaar",
    "Choose a person": "Kies een persoon",
    "Participants": "Deelnemers",
    "Start date": "Startdatum",
    "Answer": "Antwoord",
    "Use at most 10,000 characters (you used %(show_value)d).":
        "Gebruik hoogstens 10.000 tekens (u gebruikte er %(show_value)d).",
    "Not relevant for us": "Niet relevant voor ons",
    "Date": "Datum",
    "Topic": "Onderwerp",
    "People who took part": "Wie deden er mee",
    "Roles that took part": "Welke rollen deden er mee",
    "Outcome": "Uitkomst",
    "Hold Ctrl (Cmd on a Mac) to choose more than one person.":
        "Houd Ctrl (Cmd op een Mac) ingedrukt om meer dan één persoon te kiezen.",
    "Say who took part: choose people, roles, or both.":
        "Geef aan wie er meedeed: kies personen, rollen of allebei.",
    "Empty for a board-wide trajectory.": "Leeg voor een bestuursbreed traject.",
    "owner": "eigenaar",
    "participants": "deelnemers",
    "start date": "startdatum",
    "trajectory": "traject",
    "trajectories": "trajecten",
    "Result and reflection": "Resultaat en reflectie",
    "entry": "tekst",
    "entries": "teksten",
    "date": "datum",
    "roles taking part": "deelnemende rollen",
    "topic": "onderwerp",
    "outcome": "uitkomst",
    "Choose people from this school or board.": "Kies personen van deze school of dit bestuur.",
    "Give the trajectory a title.": "Geef het traject een titel.",
    "Use at most 10,000 characters (you used %(n)d).": "Gebruik hoogstens 10.000 tekens (u gebruikte er %(n)d).",
    "Unknown role.": "Onbekende rol.",
    "none yet": "nog niemand",
    "Choose your own route: open any subphase in any order and answer the questions that matter to your school. Mark a question as not relevant when it does not apply.":
        "Kies uw eigen route: open elke deelfase in elke volgorde en beantwoord de vragen die voor uw school ertoe doen. Markeer een vraag als niet relevant als die niet van toepassing is.",
    "%(a)s of %(q)s questions answered": "%(a)s van %(q)s vragen beantwoord",
    "Reflection written": "Reflectie geschreven",
    "No reflection yet": "Nog geen reflectie",
    "Done": "Afgerond",
    "Open": "Open",
    "History": "Geschiedenis",
    "Back to %(code)s": "Terug naar %(code)s",
    "Version %(v)s · %(who)s · %(when)s": "Versie %(v)s · %(who)s · %(when)s",
    "current": "huidig",
    "Marked as not relevant.": "Gemarkeerd als niet relevant.",
    "(empty)": "(leeg)",
    "Nothing has been saved here yet.": "Hier is nog niets opgeslagen.",
    "Dialogue": "Dialoog",
    "The dialogue has been logged.": "De dialoog is vastgelegd.",
    "Took part:": "Deden mee:",
    "No dialogue logged yet. Note here who you talked with, about what, and what came out of it.":
        "Nog geen dialoog vastgelegd. Noteer hier met wie u sprak, waarover, en wat het opleverde.",
    "Log a dialogue": "Dialoog vastleggen",
    "Save dialogue": "Dialoog opslaan",
    "This subphase is marked as done.": "Deze deelfase is afgerond.",
    "Reopen subphase": "Heropen deelfase",
    "Mark subphase as done": "Markeer deelfase als afgerond",
    "Someone else saved this text while you were editing it.":
        "Iemand anders heeft deze tekst opgeslagen terwijl u eraan werkte.",
    "The version below was saved by %(who)s on %(when)s. Your text has not been lost: it is in the field. Compare both, adjust your text if needed and save again.":
        "De versie hieronder is opgeslagen door %(who)s op %(when)s. Uw tekst is niet verloren: die staat in het invoerveld. Vergelijk beide, pas uw tekst zo nodig aan en sla opnieuw op.",
    "Current saved text": "Huidige opgeslagen tekst",
    "Your text": "Uw tekst",
    "Save my text": "Mijn tekst opslaan",
    "Save": "Opslaan",
    "Saved": "Opgeslagen",
    "Version %(v)s, %(who)s, %(when)s": "Versie %(v)s, %(who)s, %(when)s",
    "For %(name)s.": "Voor %(name)s.",
    "Board-wide, for %(name)s.": "Bestuursbreed, voor %(name)s.",
    "A trajectory follows one SHRM theme through the werkdocument: Discover, Choose, Do, Carry on.":
        "Een traject volgt één SHRM-thema door het werkdocument: Ontdek, Kies, Doe, Ga door.",
    "Start trajectory": "Traject starten",
    "Cancel": "Annuleren",
    "Phase %(n)s · %(name)s": "Fase %(n)s · %(name)s",
    "Goal": "Doel",
    "Questions": "Vragen",
    "You decide which questions you answer. Each answer is saved on its own; its history stays viewable.":
        "U bepaalt zelf welke vragen u beantwoordt. Elk antwoord wordt apart opgeslagen; de geschiedenis blijft in te zien.",
    "Tools, support and tips": "Hulpmiddelen, ondersteuning en tips",
    "The handreiking gives no extra tools for this subphase.": "De handreiking geeft bij deze deelfase geen extra hulpmiddelen.",
    "The trajectory has started.": "Het traject is gestart.",
    "Saved.": "Opgeslagen.",
    "Marked as done.": "Afgerond.",
    "Reopened.": "Heropend.",
    "deleted": "verwijderd",
    "Deleted": "Verwijderd",
    "Not deleted": "Niet verwijderd",
    "Restore selected deleted trajectories": "Geselecteerde verwijderde trajecten terugzetten",
    "%(n)d trajectories restored.": "%(n)d traject(en) teruggezet.",
    "%(title)s was deleted more than %(days)d days ago and can no longer be restored.":
        "%(title)s is meer dan %(days)d dagen geleden verwijderd en kan niet meer worden teruggezet.",
    "Delete trajectory": "Traject verwijderen",
    "Delete “%(title)s”? It disappears for everyone who works in it, with its answers, reflections and dialogues.":
        "“%(title)s” verwijderen? Het verdwijnt voor iedereen die eraan werkt, met de antwoorden, reflecties en dialogen.",
    "An administrator can restore it within 30 days; after that it can no longer be restored.":
        "Een beheerder kan het binnen 30 dagen terugzetten; daarna kan dat niet meer.",
    "Change title, owner or participants": "Titel, eigenaar of deelnemers wijzigen",
    "Change trajectory": "Traject wijzigen",
    "Theme: %(theme)s. The theme stays as it is; start a new trajectory for another theme.":
        "Thema: %(theme)s. Het thema blijft hetzelfde; start een nieuw traject voor een ander thema.",
    "Save changes": "Wijzigingen opslaan",
    "The trajectory has been changed.": "Het traject is gewijzigd.",
    "The trajectory has been deleted. An administrator can restore it within 30 days.":
        "Het traject is verwijderd. Een beheerder kan het binnen 30 dagen terugzetten.",
}


def main() -> int:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    catalog.fuzzy = False  # makemessages marks a new header fuzzy; compilers then skip the file
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in NL:
            message.string = NL[key] if isinstance(message.id, str) else (NL[key], NL[key])
            message.flags.discard("fuzzy")
        else:
            missing.append(key)
    with PO.open("wb") as fh:
        write_po(fh, catalog, width=100, omit_header=False)
    if missing:
        print("No Dutch text for:", *missing, sep="\n  ")
        return 1
    print(f"{len(NL)} Dutch texts written to {PO.relative_to(PO.parents[4])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
