"""Storage: typed ORM models (models.py), engine/sessions/migrations and the
row <-> dataclass conversions (db.py).  Only this package touches the database."""
