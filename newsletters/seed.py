"""Loads newsletter team members from the seed files (called through "load_seed_data")."""

from newsletters.models import TeamMember


def load_team_members(data, site):
    if site is None:
        return
    for entry in data.get("team_members") or []:
        TeamMember.objects.get_or_create(
            site=site, key=entry["key"], defaults={"name": entry["name"], "role": entry["role"]}
        )
