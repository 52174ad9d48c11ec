"""Reading the caseload files councils already produce: Annex A, SSD exports, SSDA903 and our own CSV.

Everything in this package is pure: bytes in, records and row problems out, no database and no clock. The
service in ``bot.services.imports`` turns the records into changes and applies them in one transaction.
"""
