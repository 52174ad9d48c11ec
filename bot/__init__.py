"""carebot: a Telegram bot for a council's leaving-care service."""
