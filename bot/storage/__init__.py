"""Storage shared by the stores: SQLite opened one way, checked at open, with whole transactions."""
