"""Every word the bot says to admins: imports from the chat, and what the tick reports to them."""

NOT_A_FILE_WE_READ = "I can import .xlsx, .xls, .ods and .csv files."
TOO_BIG = "That file is too big to import here (the limit is {megabytes} MB). Use carebot import instead."
READING = "Thanks. Reading {file_name} ..."
APPLY = "Apply"
APPLY_AND_CLOSE = "Apply and close {count}"
CANCEL = "Cancel"
CANCELLED = "Cancelled. Nothing was changed."
CLOSE_HINT = 'tap "Apply and close"'
