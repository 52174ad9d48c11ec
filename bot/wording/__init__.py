"""Every word the bot sends staff, one module per audience: PAs (``pa``), managers (``manager``) and admins
(``admin``), with the naming they share in ``staff``. Kept below the handlers because the scheduler and the
services write to staff too. Young people's words live beside their handlers (``handlers/*_texts.py``):
only the chat speaks to them.
"""
