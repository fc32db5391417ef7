"""Boards, schools, teams, people, user accounts and the memberships that give roles."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PO = "po", _("Primary education (po)")
    VO = "vo", _("Secondary education (vo)")
    MBO = "mbo", _("Vocational education (mbo)")


class Functie(models.TextChoices):
    DOCENT_LB = "docent_lb", _("Teacher LB")
    DOCENT_LC = "docent_lc", _("Teacher LC")
    DOCENT_LD = "docent_ld", _("Teacher LD")
    OOP = "oop", _("Support staff (OOP)")
    TEAMLEIDER = "teamleider", _("Team leader")
    SCHOOLLEIDER = "schoolleider", _("School leader")
    BESTUURDER = "bestuurder", _("Board member")
    HR_ADVISEUR = "hr_adviseur", _("HR adviser (P&O)")


class Role(models.TextChoices):
    """What a membership lets a user do. Board roles span every school of the board."""

    BESTUURDER = "bestuurder", _("Board member")
    HR_ADVISEUR = "hr_adviseur", _("HR adviser (P&O)")
    SCHOOLLEIDER = "schoolleider", _("School leader")
    TEAMLEIDER = "teamleider", _("Team leader")
    LERAAR = "leraar", _("Teacher")
    OOP = "oop", _("Support staff (OOP)")
    SCHOOLBEHEERDER = "schoolbeheerder", _("Survey administrator of the school")
    BESTUURSBEHEERDER = "bestuursbeheerder", _("Functional administrator of the board")
    REGIOCOORDINATOR = "regiocoordinator", _("Regional coordinator")


# Board roles that oversee every school's work (trajectories, survey reports).
BOARD_ROLES = {Role.BESTUURDER, Role.HR_ADVISEUR}
# The bestuursbeheerder keeps the board's schools, teams and people; a functional administrator
# who sees no trajectory or survey report by this role.
STAFF_BOARD_ROLES = {Role.BESTUURSBEHEERDER}
REGION_ROLES = {Role.REGIOCOORDINATOR}
MANAGING_SCHOOL_ROLES = {Role.SCHOOLLEIDER, Role.TEAMLEIDER}
# The role an invited person gets at their school (or board), after their position.
POSITION_ROLE: dict[str, str] = {
    Functie.DOCENT_LB: Role.LERAAR,
    Functie.DOCENT_LC: Role.LERAAR,
    Functie.DOCENT_LD: Role.LERAAR,
    Functie.OOP: Role.OOP,
    Functie.TEAMLEIDER: Role.TEAMLEIDER,
    Functie.SCHOOLLEIDER: Role.SCHOOLLEIDER,
    Functie.BESTUURDER: Role.BESTUURDER,
    Functie.HR_ADVISEUR: Role.HR_ADVISEUR,
}
# Who runs a school's survey rounds and reads their reports (after the Spiegel's schoolbeheerder).
SURVEY_SCHOOL_ROLES = {Role.SCHOOLLEIDER, Role.SCHOOLBEHEERDER}


class Region(models.Model):
    """A region of schools (content: regios.yaml), where learning networks are coordinated."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self) -> str:
        return self.name


brin_validator = RegexValidator(
    r"^[0-9]{2}[A-Z]{2}$", _("A BRIN code is two digits followed by two capitals, e.g. 12AB.")
)


class School(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="schools")
    name = models.CharField(_("name"), max_length=200)
    brin = models.CharField(_("BRIN code"), max_length=4, unique=True, validators=[brin_validator])
    sector = models.CharField(_("sector"), max_length=3, choices=Sector.choices)
    school_types = models.CharField(
        _("school types"), max_length=200, blank=True, help_text=_("For example: vmbo, havo, vwo.")
    )
    region = models.ForeignKey(
        Region, on_delete=models.SET_NULL, null=True, blank=True, related_name="schools", verbose_name=_("region")
    )
    # Opt-in: the school's closed survey rounds count in its region's benchmark, which only
    # the schools that take part and the region's coordinator see, and only from five schools.
    region_benchmark = models.BooleanField(_("compares its survey results within the region"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team, section or work group of a school. A real team (drl:398-409) has 2 to 10 members,
    a clearly shared goal, and members who need each other to reach it: Koers shows that as
    advice, never as a block."""

    class Kind(models.TextChoices):
        TEAM = "team", _("Team")
        SECTIE = "sectie", _("Section")
        ONDERWIJSTEAM = "onderwijsteam", _("Teaching team")
        ONTWIKKELTEAM = "ontwikkelteam", _("Development team")
        WERKGROEP = "werkgroep", _("Work group")
        TIJDELIJK = "tijdelijk", _("Temporary team")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.TEAM)
    shared_goal = models.TextField(
        _("shared goal"), blank=True, help_text=_("The task the team takes on together (its opgave).")
    )
    interdependent = models.BooleanField(
        _("do the members need each other to reach it?"), null=True, blank=True, default=None
    )
    pupil_group = models.CharField(
        _("pupils the team is for"), max_length=200, blank=True, help_text=_('For example "leerjaar 1 en 2".')
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="team_unique_name_per_school")]
        verbose_name = _("team or section")
        verbose_name_plural = _("teams and sections")

    def __str__(self) -> str:
        return self.name

    def advice(self, size: int) -> list[str]:
        """What this group lacks of a real team (drl:398-409), or that it is larger than a fixed
        team of twelve (drl:3917-3920). Advice for the division, never a block."""
        notes = []
        if size < 2:
            notes.append(_("fewer than two members"))
        elif size > 12:
            notes.append(_("larger than twelve (fixed teams)"))
        elif size > 10:
            notes.append(_("larger than ten"))
        if not self.shared_goal.strip():
            notes.append(_("no shared goal"))
        if self.interdependent is False:
            notes.append(_("members do not need each other for it"))
        elif self.interdependent is None:
            notes.append(_("not yet said whether members need each other"))
        return [str(n) for n in notes]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        # People type their address in any case; accounts are stored lower-case.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account that logs in by e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_staff = models.BooleanField(_("admin access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The login before this one, so the home page can say what appeared since the last visit.
    previous_login = models.DateTimeField(_("previous login"), null=True, blank=True, editable=False)
    # The kinds of notification the person does not want in the daily e-mail (they still show
    # in Koers), and the day the last digest went out: at most one a day.
    digest_off = models.JSONField(_("not in the daily e-mail"), default=list, blank=True)
    digest_sent_on = models.DateField(null=True, blank=True, editable=False)
    # Empty: the installation's language (KOERS_LANGUAGE). See koers.organisations.language.
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, blank=True)

    objects = UserManager()
    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Training(models.TextChoices):
    EERSTEGRAADS = "eerstegraads", _("First-degree teacher training")
    TWEEDEGRAADS = "tweedegraads", _("Second-degree teacher training")
    PABO = "pabo", _("Pabo")
    OVERIG = "overig", _("Other training")


class Person(models.Model):
    """A staff member of a board, working at one of its schools (or at the board office)."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="people")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="people", null=True, blank=True)
    teams = models.ManyToManyField(Team, related_name="members", blank=True, through="TeamMembership")
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    functie = models.CharField(_("position"), max_length=20, choices=Functie.choices)
    # From the HR system's export; the staff import matches people on it first.
    personnel_number = models.CharField(_("personnel number"), max_length=30, blank=True)
    fte = models.DecimalField(_("FTE"), max_digits=3, decimal_places=2, null=True, blank=True)
    teaching_since = models.PositiveSmallIntegerField(_("teaching since (year)"), null=True, blank=True)
    # What the inspectorate splits lesson figures by (hr:959-969, Table 3).
    training = models.CharField(_("teacher training"), max_length=15, choices=Training.choices, blank=True)
    qualified = models.BooleanField(_("qualified for their subject at the right level"), null=True, blank=True)
    # A leaver keeps their row (what they did stays attributed) but is no longer offered.
    left_on = models.DateField(_("left on"), null=True, blank=True)
    user = models.OneToOneField(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="person")
    # Set when the person's data was erased (koers.privacy): the row stays for what refers to it.
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "personnel_number"],
                condition=~Q(personnel_number=""),
                name="person_unique_number_per_board",
            )
        ]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.school_id and self.school.board_id != self.board_id:
            raise ValidationError({"school": _("This school belongs to another board.")})


class TeamMembership(models.Model):
    """A person in a team, with their role in it (the teamcoach is freed for a few hours, drl:1172-1186)."""

    class Role(models.TextChoices):
        LID = "lid", _("Member")
        TEAMLEIDER = "teamleider", _("Team leader")
        TEAMCOACH = "teamcoach", _("Team coach")

    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    team = models.ForeignKey(Team, on_delete=models.CASCADE)
    role = models.CharField(_("role in the team"), max_length=12, choices=Role.choices, default=Role.LID)

    class Meta:
        db_table = "organisations_person_teams"  # the table the plain many-to-many had
        unique_together = [("person", "team")]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return f"{self.person} – {self.team}"


class Membership(models.Model):
    """A role for a user at exactly one of: a board (all its schools), one school, or a region."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    board = models.ForeignKey(Board, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(board__isnull=False) & Q(school__isnull=True) & Q(region__isnull=True))
                | (Q(board__isnull=True) & Q(school__isnull=False) & Q(region__isnull=True))
                | (Q(board__isnull=True) & Q(school__isnull=True) & Q(region__isnull=False)),
                name="membership_one_scope",
            ),
            models.UniqueConstraint(fields=["user", "role", "board", "school", "region"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.board or self.school or self.region}"

    @staticmethod
    def scope_of(role: str) -> str:
        """Where a role hangs: "board", "region" or "school"."""
        if role in BOARD_ROLES or role in STAFF_BOARD_ROLES:
            return "board"
        return "region" if role in REGION_ROLES else "school"

    def clean(self):
        from django.core.exceptions import ValidationError

        given = [name for name in ("board", "school", "region") if getattr(self, f"{name}_id")]
        if len(given) != 1:
            raise ValidationError(_("Choose exactly one of a board, a school or a region."))
        wanted = self.scope_of(self.role)
        if given[0] != wanted:
            messages = {
                "board": _("This role applies to a board."),
                "school": _("This role applies to a school."),
                "region": _("This role applies to a region."),
            }
            raise ValidationError({"role": messages[wanted]})


class AccountInvitation(models.Model):
    """A single-use link to activate an account: only the token's hash is kept, and a new
    invitation replaces the old one, so only the newest link works."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="invitation")
    token_hash = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent on"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("activated on"), null=True, blank=True)
    sent_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("account invitation")
        verbose_name_plural = _("account invitations")

    def __str__(self) -> str:
        return str(self.user)


class SignInProvider(models.Model):
    """A board's identity provider for school accounts (OpenID Connect). Only addresses in its
    domains are accepted, so a provider shared by many organisations (Google, Entree) lets
    in this board's staff only. The client secret comes from the environment
    (KOERS_OIDC_SECRET_<SLUG>) or is kept sealed, never in plain text."""

    class Kind(models.TextChoices):
        ENTRA = "entra", "Microsoft Entra ID"
        GOOGLE = "google", "Google Workspace"
        SURFCONEXT = "surfconext", "SURFconext"
        ENTREE = "entree", "Entree Federatie"
        OTHER = "other", _("Other OpenID Connect provider")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="sign_in_providers")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Names the provider in the environment variable."))
    issuer = models.URLField(
        _("issuer"),
        help_text=_("Its discovery document is at the issuer followed by /.well-known/openid-configuration."),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    sealed_secret = models.TextField(blank=True, editable=False)
    domains = models.CharField(
        _("e-mail domains"), max_length=500, help_text=_("The board's e-mail domains, separated by commas.")
    )
    email_claim = models.CharField(
        _("e-mail claim"), max_length=50, default="email", help_text=_("The ID token claim that holds the address.")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["board__name", "kind"]
        verbose_name = _("sign-in provider")
        verbose_name_plural = _("sign-in providers")

    def __str__(self) -> str:
        return f"{self.board} — {self.get_kind_display()}"

    def domain_list(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.domains.split(",") if d.strip()]


class SchoolAccount(models.Model):
    """A school account bound to a Koers account: found by the provider's subject from then on,
    so a changed e-mail address does not lose the account."""

    provider = models.ForeignKey(SignInProvider, on_delete=models.CASCADE, related_name="accounts")
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="school_accounts")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="school_account_unique")]
        verbose_name = _("school account")
        verbose_name_plural = _("school accounts")

    def __str__(self) -> str:
        return f"{self.user} — {self.provider}"


class SignInRequest(models.Model):
    """A school account of the board that Koers does not know: it waits until the
    bestuursbeheerder confirms it (as a person at a school) or refuses it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    provider = models.ForeignKey(SignInProvider, on_delete=models.CASCADE, related_name="requests")
    subject = models.CharField(max_length=255)
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    requested_at = models.DateTimeField(_("requested on"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="sign_in_request_unique")]
        verbose_name = _("sign-in request")
        verbose_name_plural = _("sign-in requests")

    def __str__(self) -> str:
        return self.email


class AccessRecord(models.Model):
    """One read of sensitive data (a report, an export, a download, a share-link open, an
    admin page, a person's data), for the school leader and the board to see who saw what.
    It names what was read by its title, never its content."""

    class Kind(models.TextChoices):
        SURVEY_REPORT = "survey_report", _("Survey report read")
        SURVEY_EXPORT = "survey_export", _("Survey report downloaded")
        TRAJECTORY_REPORT = "trajectory_report", _("Trajectory report read")
        PDF_DOWNLOAD = "pdf_download", _("Report PDF downloaded")
        SHARE_OPEN = "share_open", _("Share link opened")
        ADMIN_VIEW = "admin_view", _("Opened in the admin")
        PERSONAL_DATA = "personal_data", _("Personal data exported")
        ERASURE = "erasure", _("Person erased")

    at = models.DateTimeField(_("when"), default=timezone.now)
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("about"), max_length=300)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["school", "-at"], name="access_school_at"),
            models.Index(fields=["board", "-at"], name="access_board_at"),
        ]
        verbose_name = _("access record")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}: {self.subject}"


class SecondFactor(models.Model):
    """A user's authenticator app (TOTP). The secret is sealed with a key derived from the
    server's secret key, so a copy of the database alone cannot make codes."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="second_factor")
    sealed_secret = models.TextField()
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0, help_text="The last 30-second step used; no code counts twice.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A one-time code for when the phone is lost; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.user} ({'used' if self.used_at else 'unused'})"


class StaffImport(models.Model):
    """An uploaded staff file between its dry run and its import: the checked rows, kept a day
    at most (`koers purge`), since they are personal data."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    rows = models.JSONField(default=list)
    columns = models.JSONField(default=list, help_text="The fields the file has a column for.")
    applied_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("staff import")
        verbose_name_plural = _("staff imports")

    def __str__(self) -> str:
        return self.file_name


class Notification(models.Model):
    """Something that waits for a user, shown in Koers and gathered in the daily e-mail. It
    names what it is about by title (params), never by its content."""

    class Kind(models.TextChoices):
        PARTICIPANT = "participant", _("You were added to a trajectory")
        ACTIVITY = "activity", _("An activity of a plan was given to you")
        HANDOVER = "handover", _("A leaver's work was handed over to you")
        REPORT = "report", _("A survey round you run has closed")
        SIGN_IN_REQUEST = "sign_in_request", _("A school account asks to be let in")
        NETWORK = "network", _("You were added to a learning network")
        MEETING = "meeting", _("A meeting of your learning network was planned or changed")
        EVALUATION = "evaluation", _("A meeting you attended asks for its short evaluation")
        JOINED = "joined", _("Someone joined a learning network you run")
        FATE_DUE = "fate_due", _("A learning network's way forward is to be recorded")
        RECHECK = "recheck", _("A learning network is to be asked again whether it goes on")
        TOPIC = "topic", _("Someone asked a question in your learning network")
        REPLY = "reply", _("Someone replied in a discussion of your learning network")
        SHARED = "shared", _("Something was shared in your learning network")
        DEEP_EVALUATION = "deep_evaluation", _("Your learning network asks for its in-depth evaluation")
        VISIT = "visit", _("A peer visit moved to its next step")
        SELECTION = "selection", _("A selection procedure you take part in moved on")
        CAREER_SHARE = "career_share", _("A colleague shared part of their career dossier with you")
        CONVERSATIONS = "conversations", _("The school planned the year’s conversations with you")
        OBSERVATION = "observation", _("A lesson observation concerns you")

    TEXTS = {
        Kind.PARTICIPANT: _("You take part in the trajectory %(title)s."),
        Kind.ACTIVITY: _("The activity %(title)s in %(trajectory)s is yours."),
        Kind.HANDOVER: _("What %(name)s owned is yours now: %(n)s trajectories and activities."),
        Kind.REPORT: _("The survey round %(title)s has closed; its report is ready."),
        Kind.SIGN_IN_REQUEST: _("%(name)s signed in with a school account of %(board)s and waits for your decision."),
        Kind.NETWORK: _("You take part in the learning network %(network)s."),
        Kind.MEETING: _("%(network)s meets on %(day)s: %(theme)s."),
        Kind.JOINED: _("%(name)s of %(school)s joined %(network)s."),
        Kind.FATE_DUE: _("%(network)s held its facilitated meetings a month ago: record how it goes on."),
        Kind.RECHECK: _("%(network)s meant to go on by itself: ask again whether it does."),
        Kind.EVALUATION: _("How was %(theme)s of %(network)s? Two questions, anonymous, open until %(day)s."),
        Kind.TOPIC: _("%(name)s asked in %(network)s: %(title)s."),
        Kind.REPLY: _("%(name)s replied to %(title)s in %(network)s."),
        Kind.SHARED: _("%(name)s shared %(title)s in %(network)s."),
        Kind.DEEP_EVALUATION: _(
            "%(network)s evaluates in depth from %(opens)s until %(day)s: place your crosses, "
            "about %(minutes)s minutes."
        ),
        Kind.VISIT: _("Peer visit of %(school)s: %(step)s."),
        Kind.SELECTION: _("Selection for %(role)s: %(step)s."),
        Kind.CAREER_SHARE: _("%(name)s shared %(what)s with you."),
        Kind.CONVERSATIONS: _("The conversations of %(year)s are planned: %(n)s with you."),
        Kind.OBSERVATION: _("Lesson observation %(period)s, for %(purpose)s."),
    }

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        return str(self.TEXTS[self.kind]) % self.params
