"""The national helplines, kept in code for the one page that cannot read the database: the
page shown when the database is down. A test checks they match the national register."""

NATIONAL_HELPLINES = [
    {
        "key": "act-early",
        "name": "ACT Early Support Line",
        "handles": "Advice if you are worried someone is being drawn into extremism.",
        "phone": "+448000113764",
    },
    {
        "key": "anti-terrorism-hotline",
        "name": "Anti-Terrorism Hotline",
        "handles": "Tell the police in confidence about suspicious activity.",
        "phone": "+44800789321",
    },
    {
        "key": "police-101",
        "name": "Police non-emergency number",
        "handles": "Report a crime or concern when it is not an emergency.",
        "phone": "101",
        "textphone": "18001101",
    },
]
