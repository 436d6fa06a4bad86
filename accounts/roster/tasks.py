"""The roster import job (django-q2): thin, takes the import's id; a rerun is harmless."""

from accounts.roster.services import roster_import_failed, roster_import_run


def roster_apply_task(roster_import_id: int) -> str:
    try:
        return roster_import_run(roster_import_id=roster_import_id).state
    except Exception:
        roster_import_failed(roster_import_id=roster_import_id)
        raise
