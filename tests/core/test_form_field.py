"""The generic form field template: hints and errors are announced, selects look like selects."""

import re

from django import forms
from django.template.loader import render_to_string

from accounts.forms import KernFormMixin


class SampleForm(KernFormMixin, forms.Form):
    code = forms.CharField(label="Code", help_text="Twelve characters.")
    kind = forms.ChoiceField(label="Kind", choices=[("", "—"), ("a", "A")],
                             help_text="Pick one.")
    ranks = forms.MultipleChoiceField(label="Ranks", required=False,
                                      choices=[("1", "1")])


def render(form) -> str:
    return "".join(render_to_string("includes/form_field.html", {"field": field})
                   for field in form)


def test_every_aria_describedby_points_to_an_element_of_the_field():
    form = SampleForm(data={"code": "", "kind": "x"})
    form.is_valid()
    html = render(form)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    referenced = [ref for value in re.findall(r'aria-describedby="([^"]+)"', html)
                  for ref in value.split()]
    assert "id_code_helptext" in referenced and "id_code_error" in referenced
    assert "id_kind_helptext" in referenced
    assert set(referenced) <= ids


def test_a_select_is_rendered_in_the_kern_select_wrapper_like_the_catalogue():
    html = render(SampleForm())
    assert re.search(r'<div class="kern-form-input__select-wrapper">\s*<select name="kind" '
                     r'class="kern-form-input__select"', html)
    # A multiple select is a list box, not a drop-down: no arrow wrapper.
    assert html.count("kern-form-input__select-wrapper") == 1
