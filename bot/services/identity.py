"""Who is talking to the bot: recognised only by a linked Telegram user id."""

from pydantic import BaseModel, ConfigDict

from bot.models import Role, Staff, YoungPerson
from bot.store import Database, people, staff


class Identity(BaseModel):
    """A Telegram user as the service knows them. ``role`` is None for someone the service does not know:
    they see public information only."""

    model_config = ConfigDict(frozen=True)

    telegram_user_id: int
    role: Role | None = None
    staff: Staff | None = None
    person: YoungPerson | None = None

    @property
    def is_staff(self) -> bool:
        return self.staff is not None

    @property
    def label(self) -> str:
        """How the audit log names the actor."""
        return self.role.value if self.role else "public"


async def identify(db: Database, telegram_user_id: int) -> Identity:
    member = await staff.by_telegram_user(db.lookups, telegram_user_id)
    if member is not None:
        return Identity(telegram_user_id=telegram_user_id, role=member.role, staff=member)
    person = await people.by_telegram_user(db.lookups, telegram_user_id)
    if person is not None:
        return Identity(telegram_user_id=telegram_user_id, role=Role.LEAVER, person=person)
    return Identity(telegram_user_id=telegram_user_id)
