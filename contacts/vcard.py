"""vCard 3.0 for a contact, so a partner can save it to their phone or address book."""


def _escape(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )


def vcard_for(contact):
    council = contact.site.site_name if contact.site_id else ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(contact.name)}",
        f"N:;{_escape(contact.name)};;;",
        f"ORG:{_escape(council or contact.name)}",
    ]
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{contact.phone}")
    if contact.textphone:
        lines.append(f"TEL;TYPE=TEXTPHONE:{contact.textphone}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=WORK:{contact.email}")
    if contact.website:
        lines.append(f"URL:{contact.website}")
    note = contact.handles + (f" Hours: {contact.hours}." if contact.hours else "")
    lines.append(f"NOTE:{_escape(note)}")
    if contact.last_verified:
        lines.append(f"REV:{contact.last_verified.isoformat()}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
