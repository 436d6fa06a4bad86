"""Forms of the Zeugnis: the volunteer's request and the assessment (host and admin).
They only collect input; writes go through volunteers.service.zeugnis."""

from django import forms
from django.utils.translation import gettext_lazy as _

from volunteers.forms import KernFormMixin
from volunteers.service.zeugnis import ZeugnisText
from volunteers.service.zeugnis_models import TEXT_MAX


class ZeugnisRequestForm(KernFormMixin, forms.Form):
    with_performance = forms.BooleanField(
        label=_("Also assess my performance and conduct"), required=False,
        help_text=_("Without this, the Zeugnis describes your tasks, your digital project "
                    "and your skills."))


def _text(label, help_text=""):
    return forms.CharField(label=label, help_text=help_text, max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 5}))


class ZeugnisTextForm(KernFormMixin, forms.Form):
    """The assessment; performance and conduct only when the volunteer asked for them."""

    tasks = _text(_("Tasks"), _("What the volunteer did at your organisation."))
    digital_project = _text(_("Digital project"), _("The volunteer's own digital project: "
                                                    "aim, own part, result."))
    skills = _text(_("Skills relevant to a career"))
    performance = _text(_("Performance"))
    conduct = _text(_("Conduct"))

    def __init__(self, *args, zeugnis, **kwargs):
        kwargs.setdefault("initial", {name: getattr(zeugnis, name) for name in (
            "tasks", "digital_project", "skills", "performance", "conduct")})
        super().__init__(*args, **kwargs)
        if not zeugnis.with_performance:
            del self.fields["performance"], self.fields["conduct"]

    def text(self) -> ZeugnisText:
        data = self.cleaned_data
        return ZeugnisText(tasks=data["tasks"], digital_project=data["digital_project"],
                           skills=data["skills"], performance=data.get("performance", ""),
                           conduct=data.get("conduct", ""))
