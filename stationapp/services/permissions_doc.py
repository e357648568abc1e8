"""What each permission allows, in words, and the permission table as the Markdown of
docs/permissions.md (generated from ``accounts.PERMISSIONS``; a test checks it is current)."""

from __future__ import annotations

from stationapp.models.accounts import ROLES
from stationapp.services.accounts import PERMISSIONS, role_label

PERMISSION_DESCRIPTIONS: dict[str, str] = {
    "staff.manage": "Create staff accounts, change names and roles, reset passwords, deactivate "
    "and reactivate accounts",
    "staff.delete": "Delete a staff account that was never used",
    "settings.manage": "Change the station's settings and the retention periods; preview and run "
    "the anonymisation",
    "audit.read": "Read, search and export the audit trail",
    "backup.manage": "Back up now, choose the backup folder and rotation, restore a backup",
    "person.read": "Find and view workers (ID numbers masked), their history and their personal "
    "data export",
    "person.create": "Register a worker",
    "person.update": "Change a worker's details",
    "person.merge": "Merge two records of the same worker, moving the history to the one kept "
    "(a merge touching a mediation case also needs case.manage)",
    "person.view_full_id": "See and change a worker's whole ID number and birth date (the "
    "services give others the number's last four characters and the birth year and age only)",
    "person.erase": "Erase a worker's personal data at their request",
    "person.export_phone": "Export phone numbers whole (other exports carry them masked)",
    "person.export": "Export the people register or a search of it, masked as the role sees it "
    "(ID numbers as in the list, hardship files only with hardship.read)",
    "person.deactivate": "Deactivate and reactivate a worker's record",
    "person.delete": "Delete a worker's record that has no history",
    "consent.manage": "Record and withdraw a worker's consent to sensitive data; keep the marital "
    "status",
    "hardship.read": "See hardship files, hardship consents and the assistance given",
    "hardship.manage": "Open and change hardship files, record assistance, handle hardship consent",
    "organization.read": "Find and view workplaces",
    "organization.manage": "Add workplaces and change their details",
    "organization.deactivate": "Deactivate and reactivate a workplace",
    "organization.delete": "Delete a workplace that has no history",
    "workplace.read": "Open the Workplaces tab: workplaces with their building, union, "
    "founding steps, workers' congresses, collective contracts and open-affairs checks, "
    "buildings, the workplace figures on Today and in the report",
    "workplace.manage": "Change a workplace's building, sector, size, union chair, members "
    "reported and mediation committee; add and change buildings and their federations",
    "workplace.founding": "Mark the steps of founding a union and change a workplace's union "
    "status with its dates",
    "catalogue.read": "View the service catalogue",
    "catalogue.manage": "Add services to the catalogue and change them",
    "visit.read": "View the visit log, follow-ups, outreach sessions and visit statistics",
    "visit.create": "Register visits and outreach sessions",
    "visit.update": "Change a visit; complete a follow-up",
    "visit.export": "Export the visit log",
    "case.create": "File a mediation case; see the number and state of the cases one filed",
    "case.read": "View mediation cases, their records, deadlines and statistics",
    "case.manage": "Work on a case (states, sessions, agreement, performance, follow-ups); declare "
    "one's own conflicts of interest",
    "case.assign": "Assign a case to a mediator; record another mediator's conflicts",
    "case.export": "Export the case ledger",
    "library.read": "View titles, copies, loans, holds, boxes and stocktakes; find a borrower",
    "library.circulate": "Lend, return, renew and undo; place and cancel holds",
    "library.catalogue": "Add and change titles and copies, withdraw copies, import a catalogue, "
    "run stocktakes",
    "library.rules": "Set the circulation rules (loan period, limits, renewals)",
    "library.boxes": "Pack and unpack book boxes, lend them to workplaces, take them back",
    "library.deactivate": "Deactivate and reactivate a title",
    "library.delete": "Delete a title or copy that has no history",
    "event.read": "View events, rosters, quotas and statistics; export a roster",
    "event.register": "Register workers, cancel registrations, accept offers, check in, take "
    "attendance",
    "event.manage": "Create, change, close and cancel events and series; set waitlist priority",
    "event.delete": "Delete an event that has no registrations",
    "room.read": "View the rooms' week views, today's bookings and the counsellors' roster",
    "room.book": "Book a room for a worker at the desk or by phone; cancel, move, check in, "
    "mark a no-show",
    "room.manage": "Add and change rooms, the station's closed days and the counsellors' roster",
    "room.confidential": "See who booked the decompression room and the booking's note; see "
    "one's own counselling sessions",
    "member.read": "See a worker's membership history and 京卡 cards, the applications waiting "
    "for their card; find a card by its number",
    "member.update": "Record joining, transfers in and out and leaving the union; apply for, "
    "issue, report lost, replace and cancel 京卡 cards",
    "aid.read": "View the mutual-aid plans and enrolments, and the report's mutual-aid figures",
    "aid.enrol": "Enrol a worker in a mutual-aid plan, or a workplace's list from a spreadsheet",
    "aid.plans": "Add and change the mutual-aid plans (cover, premium, benefit rules, deadline, "
    "materials)",
    "aid.claims": "Take, return and resubmit mutual-aid claims and see them (health data)",
    "aid.decide": "Approve, refuse and pay mutual-aid claims; accept a late claim with its reason",
    "welfare.read": "See the welfare rounds, their recipients, deliveries and totals",
    "welfare.manage": "Create and change welfare rounds; add recipients by rule or by hand",
    "welfare.deliver": "Record a delivery (or a birthday greeting sent) and undo a mistaken one",
    "workplace.agreements": "Record workers' congresses, collective contracts and their renewals, "
    "and open-affairs checks",
    "report.view": "Make the monthly and yearly report to the district union, with the areas "
    "one may read",
}

REGENERATE_PERMISSIONS_DOC = (
    'python -c "from stationapp.services.permissions_doc import render_permissions_markdown as r; '
    "open('docs/permissions.md', 'w', encoding='utf-8').write(r())\""
)


def render_permissions_markdown() -> str:
    """PERMISSIONS as the Markdown of docs/permissions.md: an action per row, a role per column
    headed by its zh_CN name (read from the shipped translation) and its English one."""
    from PySide6.QtCore import QTranslator

    from stationapp.config import resource_path

    chinese = QTranslator()
    chinese.load(str(resource_path("translations", "stationapp_zh_CN.qm")))

    def header(role: str) -> str:
        english = role_label(role)
        return f"{chinese.translate('Roles', english) or english} ({english})"

    lines = [
        f"_Generated from `PERMISSIONS` in `stationapp/services/accounts.py`: do not edit. "
        f"Regenerate with `{REGENERATE_PERMISSIONS_DOC}`._",
        "",
        "# Who may do what",
        "",
        "Every service call checks one of these actions against the roles of the staff member "
        "signed in; a staff member with several roles may do what any of them may, and a "
        "deactivated account may do nothing. tests/unit/test_permission_matrix.py calls every "
        "service function as every role and checks this table both ways.",
        "",
        "| Action | What it allows | " + " | ".join(header(r) for r in ROLES) + " |",
        "|---|---|" + "|".join(":-:" for _ in ROLES) + "|",
    ]
    for action, roles in PERMISSIONS.items():
        marks = " | ".join("✓" if r in roles else "" for r in ROLES)
        description = PERMISSION_DESCRIPTIONS.get(action, "")
        lines.append(f"| `{action}` | {description} | {marks} |")
    return "\n".join(lines) + "\n"
