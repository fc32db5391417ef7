"""Content as data: themes, the werkdocument structure and the handreiking's tables and figures.

Everything is loaded from YAML under content/ by `koers load_catalog` and keyed by a stable
slug. Schools' work refers to these slugs, so updating the content never orphans an answer.
Texts may contain `{thema}`, which is replaced by the trajectory's theme term (the handreiking
works out "differentiatie"; the other themes reuse its structure).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

THEME_PLACEHOLDER = "{thema}"


def for_theme(text: str, theme: Theme) -> str:
    return text.replace(THEME_PLACEHOLDER, theme.term)


class ThemeScoped(models.Model):
    """Content that may apply to some themes only; an empty list means every theme."""

    themes = models.JSONField(_("only for themes"), default=list, blank=True)

    class Meta:
        abstract = True

    def applies_to(self, theme: Theme) -> bool:
        return not self.themes or theme.slug in self.themes


class Theme(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(_("name"), max_length=200)
    term = models.CharField(
        _("term in questions"),
        max_length=120,
        help_text=_('Replaces "differentiatie" where a question of the handreiking names it.'),
    )
    description = models.TextField(_("description"), blank=True)
    # What the yearly conversation also agrees on while a school works on the theme (hr:1295-1299).
    conversation_agreement = models.CharField(_("agreement in the yearly conversation"), max_length=300, blank=True)
    urgentie = models.JSONField(_("urgency"), default=list, blank=True)
    verwachte_effecten = models.JSONField(_("expected effects"), default=list, blank=True)
    aanknopingspunten = models.JSONField(_("starting points for policy"), default=list, blank=True)
    order = models.PositiveIntegerField(default=100)
    from_content = models.BooleanField(default=False, editable=False, help_text=_("Loaded from the content files."))

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Phase(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    doel = models.TextField(_("goal"))
    dialoog = models.TextField(_("dialogue"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Subphase(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    code = models.CharField(max_length=4, unique=True)
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="subphases")
    title = models.CharField(_("title"), max_length=200)
    doel = models.TextField(_("goal"))
    dialoog = models.TextField(_("dialogue"), blank=True)
    reflectie = models.TextField(_("result and reflection"))
    # The keys of the instruments worked on in this subphase, in page order; the werkdocument's
    # registry implements each key, the content decides where it sits.
    instruments = models.JSONField(_("instruments"), default=list, blank=True)
    order = models.PositiveIntegerField()

    class Meta:
        # A subphase's order counts within its phase, so the phase comes first.
        ordering = ["phase__number", "order"]
        verbose_name = _("subphase")
        verbose_name_plural = _("subphases")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @classmethod
    def holding(cls, instrument_key: str) -> Subphase | None:
        """The subphase the content puts an instrument in. There are eight; looking among them
        here keeps the lookup portable (SQLite has no JSON containment)."""
        return next((s for s in cls.objects.select_related("phase") if instrument_key in s.instruments), None)

    @property
    def dialogue_prompt(self) -> str:
        """The handreiking gives some dialogue prompts per phase, others per subphase."""
        return self.dialoog or self.phase.dialoog


class Tip(models.Model):
    class Kind(models.TextChoices):
        HULPMIDDEL = "hulpmiddel", _("Tool")
        ONDERSTEUNING = "ondersteuning", _("Support")
        TIP = "tip", _("Tip")
        ADVIES = "advies", _("Advice")
        OPTIE = "optie", _("Option")
        TOELICHTING = "toelichting", _("Background")

    slug = models.SlugField(unique=True, max_length=80)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    url = models.URLField(blank=True)
    # What the tip lets you do in Koers itself (content key `actie`; werkdocument/registry.py
    # says where each key leads).
    action = models.CharField(max_length=30, blank=True)
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, null=True, blank=True, related_name="tips")
    subphase = models.ForeignKey(Subphase, on_delete=models.CASCADE, null=True, blank=True, related_name="tips")
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("tip or tool")
        verbose_name_plural = _("tips and tools")

    def __str__(self) -> str:
        return self.title


class PracticeExample(models.Model):
    """An example from practice (handreiking chapter 5, the magazine's network stories),
    summarised in our own words, shown beside the subphases it illustrates."""

    slug = models.SlugField(unique=True, max_length=80)
    title = models.CharField(_("title"), max_length=200)
    where = models.CharField(_("where"), max_length=200)
    source = models.CharField(_("source"), max_length=200)
    summary = models.TextField(_("summary"))
    tags = models.JSONField(default=list)
    subphases = models.ManyToManyField(Subphase, related_name="practice_examples")
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("example from practice")
        verbose_name_plural = _("examples from practice")

    def __str__(self) -> str:
        return self.title


class QuestionGroup(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    subphase = models.ForeignKey(Subphase, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("question group")
        verbose_name_plural = _("question groups")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    slug = models.SlugField(unique=True, max_length=80)
    group = models.ForeignKey(QuestionGroup, on_delete=models.CASCADE, related_name="questions")
    # Kept beside group so progress can be counted per subphase in one grouped query.
    subphase = models.ForeignKey(Subphase, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text[:80]


class SituationRow(ThemeScoped):
    """A row of Table 6 (internal/external situation) or Table 7 (the theme)."""

    slug = models.SlugField(unique=True, max_length=80)
    table = models.CharField(max_length=20)
    table_title = models.CharField(max_length=200)
    section = models.CharField(max_length=100)
    text = models.TextField()
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("situation row")
        verbose_name_plural = _("situation rows")

    def __str__(self) -> str:
        return self.text[:80]


class Bottleneck(ThemeScoped):
    """An item of the checklist knelpunten (phase 1B)."""

    slug = models.SlugField(unique=True, max_length=80)
    text = models.TextField()
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("bottleneck")
        verbose_name_plural = _("bottlenecks")

    def __str__(self) -> str:
        return self.text[:80]


class LeverCluster(models.Model):
    """One of the four SHRM topics of Figure 6."""

    slug = models.SlugField(unique=True, max_length=80)
    name = models.CharField(max_length=100)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("lever cluster")
        verbose_name_plural = _("lever clusters")

    def __str__(self) -> str:
        return self.name


class Lever(ThemeScoped):
    """An aanknopingspunt voor SHRM-beleid (Figure 6)."""

    slug = models.SlugField(unique=True, max_length=80)
    cluster = models.ForeignKey(LeverCluster, on_delete=models.CASCADE, related_name="levers")
    text = models.TextField()
    # The aanknopingspunten of Table 1 this lever belongs to: a lever that Table 1 lists for
    # several themes works on more than one theme at once (the 2A tip).
    table1 = models.JSONField(default=list, blank=True)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("lever")
        verbose_name_plural = _("levers")

    def __str__(self) -> str:
        return self.text[:80]

    def table1_themes(self, themes: list[Theme]) -> list[Theme]:
        return [t for t in themes if set(self.table1) & set(t.aanknopingspunten)]


class AmoItem(ThemeScoped):
    """A cell line of Figure 8: what the teacher needs, an HRM intervention or leadership."""

    class Factor(models.TextChoices):
        ABILITY = "ability", _("Ability (can)")
        MOTIVATION = "motivation", _("Motivation (want)")
        OPPORTUNITY = "opportunity", _("Opportunity (may)")

    class Kind(models.TextChoices):
        TEACHER = "teacher", _("AMO of the teacher")
        INTERVENTION = "intervention", _("Targeted HRM intervention")
        LEADERSHIP = "leadership", _("Leadership behaviour")

    slug = models.SlugField(unique=True, max_length=80)
    factor = models.CharField(max_length=20, choices=Factor.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name = _("AMO item")
        verbose_name_plural = _("AMO items")

    def __str__(self) -> str:
        return self.text[:80]
