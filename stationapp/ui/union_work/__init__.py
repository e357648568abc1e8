"""Workplace union work's widgets (issue #26): the workplace page's sections (congresses,
collective contracts, open affairs) and the buildings view's regional contracts."""
