"""Services: the operations handlers and commands call. Every role check lives here."""
