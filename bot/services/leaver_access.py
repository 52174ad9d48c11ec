"""The young person behind a chat, checked on every use: the service calls for their own record only."""

from bot.models import Role, YoungPerson
from bot.services.access import AccessDenied
from bot.services.identity import Identity


def own_record(identity: Identity) -> YoungPerson:
    """The linked young person's own record, or ``AccessDenied`` for anyone else."""
    if identity.role is not Role.LEAVER or identity.person is None or identity.person.id is None:
        raise AccessDenied("This is only for young people who have joined with a link from their PA.")
    return identity.person
