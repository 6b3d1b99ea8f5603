"""What Rajut stores: Tortoise models and the domain rules that guard them.

Tortoise discovers models from this module, so every model is imported here.
"""

from models.accounts import AccessToken, OutboxEmail, PasswordReset, User
from models.organisations import FocusArea, Organisation, OrgMembership
from models.profiles import DirectoryMark, Expertise, LearningNeed, Profile
from models.programmes import Enrolment, Programme, ProgrammeStaff

__all__ = [
    "AccessToken", "DirectoryMark", "Enrolment", "Expertise", "FocusArea", "LearningNeed",
    "OrgMembership", "Organisation", "OutboxEmail", "PasswordReset", "Profile", "Programme",
    "ProgrammeStaff", "User",
]  # fmt: skip
